import type { Locator, Page } from "@playwright/test";
import {
  createEventViaUi,
  deletePost,
  expect,
  markDocument,
  markKeyEvent,
  newAccount,
  publishViaUi,
  test,
  unique,
  updates,
  type NewAccount,
} from "./fixtures";

// The whole desk at once: an owner sets a cover and invites a co-author (an editor) and a
// contributor by link; they sign up through it; the owner sees the co-author in the
// console; the contributor's post is approved by the editor; a reader who never reloads
// sees the approval, an edit, a deletion, a pin and a key event arrive live.

/** A real 1×1 PNG, so the browser can decode what the server stored. */
const pixel = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** The owner invites `email` as `role` from the console's team panel; returns the link it shows. */
async function invite(team: Locator, email: string, role: "EDITOR" | "CONTRIBUTOR"): Promise<string> {
  await team.getByLabel("Email", { exact: true }).fill(email);
  await team.getByLabel("Role", { exact: true }).selectOption(role);
  await team.getByRole("button", { name: "Invite" }).click();
  // No SMTP_URL in the e2e server: the owner is told to copy the link.
  await expect(team.getByRole("status")).toContainText(`Invitation for ${email} created`);
  return team.getByLabel("Invitation link").inputValue();
}

/** Someone without an account opens the link, signs up from it, accepts, and lands in the console. */
async function joinByLink(page: Page, link: string, account: NewAccount, slug: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("link", { name: "create an account" }).click();
  await page.getByLabel("Your name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(new URL(link).pathname);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(`/dashboard/events/${slug}`);
}

test("a newsroom covers one event together, and a reader sees every step live", async ({
  page: owner,
  editor: ownerAccount,
  newPerson,
}) => {
  // Five browsers (owner, co-author, contributor, reader, plus sign-ups) on a shared machine.
  test.slow();
  void ownerAccount; // signed up and in
  const title = `Election night ${unique()}`;
  const slug = await createEventViaUi(owner, title);

  // The owner gives the event a cover image in its settings; the console shows it.
  await owner.getByText("Event settings").click();
  await owner.getByLabel("Cover image file").setInputFiles({ name: "cover.png", mimeType: "image/png", buffer: pixel });
  await expect(owner.getByRole("img", { name: "Cover image preview" })).toBeVisible();
  await owner.getByRole("button", { name: "Save settings" }).click();
  await expect(owner.getByText("Saved.")).toBeVisible();
  await expect(owner.getByTestId("console-cover-image")).toHaveAttribute("src", /^\/api\/uploads\/.+\.png$/);

  // The owner invites a co-author as an editor and copies the link from the console.
  const team = owner.getByRole("region", { name: "Team", exact: true });
  const coAuthorAccount = newAccount("coauthor");
  const shown = await invite(team, coAuthorAccount.email, "EDITOR");
  await owner.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await team.getByRole("button", { name: "Copy link" }).click();
  await expect(team.getByRole("button", { name: "Copied" })).toBeVisible();
  const coAuthorLink = await owner.evaluate(() => navigator.clipboard.readText());
  expect(coAuthorLink).toBe(shown);

  // The co-author signs up through the link in a browser of their own.
  const coAuthor = await newPerson();
  await joinByLink(coAuthor, coAuthorLink, coAuthorAccount, slug);
  await expect(coAuthor.getByText("console · editor")).toBeVisible();

  // Both are in the console: each sees the other there, pushed over the realtime path.
  await expect(owner.getByText(/Also here:/)).toContainText(coAuthorAccount.name, { timeout: 20_000 });
  await expect(coAuthor.getByText(/Also here:/)).toContainText(ownerAccount.name, { timeout: 20_000 });

  // A contributor joins the same way.
  const contributorAccount = newAccount("contributor");
  const contributorLink = await invite(team, contributorAccount.email, "CONTRIBUTOR");
  const contributor = await newPerson();
  await joinByLink(contributor, contributorLink, contributorAccount, slug);
  await expect(contributor.getByText("console · contributor")).toBeVisible();

  // A reader opens the event page, cover and all, and never reloads it from here on.
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  const cover = reader.getByTestId("event-cover-image");
  await expect(cover).toHaveAttribute("src", /^\/api\/uploads\/.+\.png$/);
  await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.empty).toBeVisible();
  const sameDocument = await markDocument(reader);

  // The contributor submits; the co-author (an editor) approves; the reader sees it.
  await contributor.getByLabel("Post", { exact: true }).fill("Turnout is up in the **north**.");
  await contributor.getByRole("button", { name: "Send for review" }).click();
  await expect(contributor.locator("form").getByRole("status")).toHaveText("Sent to the editors.");
  const queue = coAuthor.getByRole("region", { name: /Review queue/ });
  const submission = queue.getByRole("article").filter({ hasText: "Turnout is up" });
  await expect(submission).toContainText(contributorAccount.name);
  await submission.getByRole("button", { name: "Approve" }).click();
  await expect(queue.getByText("Nothing waiting for review.")).toBeVisible();

  const turnout = feed.posts.filter({ hasText: "Turnout is up in the north" });
  await expect(turnout).toHaveCount(1);
  await expect(turnout).toContainText(contributorAccount.name);
  await expect(turnout.locator("strong")).toHaveText("north");

  // The editor corrects it: the reader sees the new text, marked "edited".
  const desk = updates(coAuthor).posts;
  await desk.filter({ hasText: "Turnout is up" }).getByRole("button", { name: "Edit" }).click();
  const form = coAuthor.getByRole("form", { name: "Edit post" });
  await form.getByLabel("Post", { exact: true }).fill("Turnout is up in the **north and east**.");
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form).toHaveCount(0);
  const corrected = feed.posts.filter({ hasText: "Turnout is up in the north and east." });
  await expect(corrected).toHaveCount(1);
  await expect(corrected.getByText("edited", { exact: true })).toBeVisible();
  await expect(feed.posts).toHaveCount(1);

  // The editor publishes two more; one was a mistake and is deleted.
  await publishViaUi(coAuthor, "Polls have closed.");
  await publishViaUi(coAuthor, "Wrong result: ignore this.");
  await expect(feed.posts).toHaveCount(3);
  const wrong = desk.filter({ hasText: "Wrong result" });
  await deletePost(coAuthor, wrong);
  await expect(feed.posts.filter({ hasText: "Wrong result" })).toHaveCount(0);
  await expect(feed.posts).toHaveCount(2);

  // Pin the contributor's post (older, so it moves to the top) and mark a key event.
  await desk.filter({ hasText: "north and east" }).getByRole("button", { name: "Pin" }).click();
  await expect(feed.posts.first()).toContainText("Turnout is up in the north and east.");
  await expect(feed.posts.first()).toContainText("Pinned");
  await markKeyEvent(coAuthor, desk.filter({ hasText: "Polls have closed." }), "Polls close");
  await expect(feed.posts.filter({ hasText: "Polls have closed." })).toContainText("Key event: Polls close");

  // All of it arrived live, in the same document, still connected.
  await sameDocument();
  await expect(feed.badge).toHaveText("Live");
});
