import { createEvent, expect, markDocument, newAccount, signUpViaApi, test, unique, updates } from "./fixtures";

// People and roles: an owner invites a co-author as a contributor; what the contributor
// writes reaches readers only when an editor approves it, and then live.
test("a contributor joins by invitation, and readers see their post only once it is approved", async ({
  page: owner,
  editor: ownerAccount,
  newPerson,
}) => {
  void ownerAccount; // signed up and in
  const title = `Team desk ${unique()}`;
  const slug = await createEvent(owner, title);

  // The owner invites the co-author and copies the link from the console.
  const coAuthorAccount = newAccount("contributor");
  const team = owner.getByRole("region", { name: "Team", exact: true });
  await team.getByLabel("Email", { exact: true }).fill(coAuthorAccount.email);
  await team.getByLabel("Role", { exact: true }).selectOption("CONTRIBUTOR");
  await team.getByRole("button", { name: "Invite" }).click();
  await expect(team.getByRole("status")).toContainText(`Invitation for ${coAuthorAccount.email} created`);
  const shown = await team.getByLabel("Invitation link").inputValue();
  expect(shown).toMatch(/^http:\/\/localhost:\d+\/invite\/[A-Za-z0-9_-]{43}$/);
  await owner.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await team.getByRole("button", { name: "Copy link" }).click();
  await expect(team.getByRole("button", { name: "Copied" })).toBeVisible();
  const link = await owner.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(shown);
  await expect(team.getByRole("list", { name: "Pending invitations" })).toContainText(coAuthorAccount.email);

  // The co-author, signed out, opens the link, signs up from it and comes back to accept.
  const coAuthor = await newPerson();
  await coAuthor.goto(link);
  await expect(coAuthor.getByRole("heading", { name: `Join ${title}` })).toBeVisible();
  await expect(coAuthor.getByText("as a contributor")).toBeVisible();
  await coAuthor.getByRole("link", { name: "create an account" }).click();
  await coAuthor.getByLabel("Your name", { exact: true }).fill(coAuthorAccount.name);
  await coAuthor.getByLabel("Email", { exact: true }).fill(coAuthorAccount.email);
  await coAuthor.getByLabel("Password", { exact: true }).fill(coAuthorAccount.password);
  await coAuthor.getByRole("button", { name: "Create account" }).click();
  await expect(coAuthor).toHaveURL(new URL(link).pathname);
  await expect(coAuthor.getByText(`Signed in as ${coAuthorAccount.name}`)).toBeVisible();
  await coAuthor.getByRole("button", { name: "Accept" }).click();
  await expect(coAuthor).toHaveURL(`/dashboard/events/${slug}`);
  await expect(coAuthor.getByText("console · contributor")).toBeVisible();

  // The link worked once.
  const again = await newPerson();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This invitation has already been used" })).toBeVisible();

  // A reader is on the event page before anything is written.
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.empty).toBeVisible();
  const sameDocument = await markDocument(reader);

  // The contributor writes; it goes to the editors, not to readers.
  await coAuthor.getByLabel("Post", { exact: true }).fill("Quote from the **floor**, needs checking.");
  await coAuthor.getByRole("button", { name: "Send for review" }).click();
  await expect(coAuthor.locator("form").getByRole("status")).toHaveText("Sent to the editors.");
  const mine = coAuthor.getByRole("region", { name: "Your posts for review" });
  await expect(mine.getByRole("article")).toHaveCount(1);
  await expect(mine.getByRole("article")).toContainText("Waiting for an editor");
  await expect(coAuthor.getByRole("button", { name: "Publish" })).toHaveCount(0);

  await owner.waitForTimeout(1_500); // time enough for a wrongly published post to arrive
  await expect(feed.posts).toHaveCount(0);
  await expect(feed.empty).toBeVisible();

  // The owner finds it in the review queue and approves it.
  // Named "Review queue" whatever it holds; the count is its description.
  const queue = owner.getByRole("region", { name: "Review queue", exact: true });
  const submission = queue.getByRole("article").filter({ hasText: "Quote from the floor" });
  await expect(submission).toContainText(coAuthorAccount.name);
  await expect(queue).toHaveAccessibleDescription("1 waiting");
  await submission.getByRole("button", { name: "Approve" }).click();
  await expect(queue.getByText("Nothing waiting for review.")).toBeVisible();

  // The reader sees it arrive, live, under the co-author's name.
  await expect(feed.posts).toHaveCount(1, { timeout: 5_000 });
  await expect(feed.posts.first()).toContainText("Quote from the floor, needs checking.");
  await expect(feed.posts.first()).toContainText(coAuthorAccount.name);
  await expect(feed.posts.first().locator("strong")).toHaveText("floor");
  await sameDocument();

  // The owner's team list now has the co-author, and no pending invitation.
  await owner.reload();
  await expect(team.getByRole("list", { name: "Members" })).toContainText(coAuthorAccount.name);
  await expect(team.getByRole("list", { name: "Pending invitations" })).toHaveCount(0);
});

test("an editor sends a post back with a note; the contributor fixes it and it is approved", async ({
  page: owner,
  editor: ownerAccount,
  newPerson,
}) => {
  const slug = await createEvent(owner, `Review desk ${unique()}`);
  const team = owner.getByRole("region", { name: "Team", exact: true });

  // The last owner cannot step down.
  await team.getByLabel(`Role of ${ownerAccount.name}`).selectOption("EDITOR");
  await expect(team.getByRole("alert")).toHaveText(
    "An event must keep at least one owner. Make someone else an owner first.",
  );
  await expect(team.getByLabel(`Role of ${ownerAccount.name}`)).toHaveValue("OWNER");

  // A co-author who already has an account accepts while signed in.
  const coAuthor = await newPerson();
  const account = newAccount("contributor");
  await signUpViaApi(coAuthor.request, account);
  await team.getByLabel("Email", { exact: true }).fill(account.email);
  await team.getByRole("button", { name: "Invite" }).click();
  const link = await team.getByLabel("Invitation link").inputValue();
  await coAuthor.goto(link);
  await coAuthor.getByRole("button", { name: "Accept" }).click();
  await expect(coAuthor).toHaveURL(`/dashboard/events/${slug}`);

  // Contributors see the team, but cannot manage it.
  const theirTeam = coAuthor.getByRole("region", { name: "Team", exact: true });
  await expect(theirTeam.getByRole("list", { name: "Members" })).toContainText(ownerAccount.name);
  await expect(theirTeam.getByRole("button", { name: "Invite" })).toHaveCount(0);
  await expect(theirTeam.getByRole("combobox")).toHaveCount(0);

  await coAuthor.getByLabel("Post", { exact: true }).fill("The minister said it, apparently.");
  await coAuthor.getByRole("button", { name: "Send for review" }).click();
  await expect(coAuthor.locator("form").getByRole("status")).toHaveText("Sent to the editors.");

  // The owner sends it back with a note.
  const queue = owner.getByRole("region", { name: /Review queue/ });
  const submission = queue.getByRole("article").filter({ hasText: "The minister said it" });
  await submission.getByRole("button", { name: "Send back" }).click();
  await submission.getByLabel("Note to the author").fill("Which minister? Name the source.");
  await submission.getByRole("button", { name: "Send back" }).click();
  await expect(queue.getByText("Nothing waiting for review.")).toBeVisible();

  // The contributor reads the note (it arrives without a reload), fixes the post and sends it again.
  const mine = coAuthor.getByRole("region", { name: "Your posts for review" }).getByRole("article");
  await expect(mine).toContainText("Sent back to you");
  await expect(mine).toContainText("Note from the editors: Which minister? Name the source.");
  await mine.getByRole("button", { name: "Edit" }).click();
  await mine.getByLabel("Post", { exact: true }).fill("The finance minister said it, on the record.");
  await mine.getByRole("button", { name: "Resubmit" }).click();
  await expect(mine).toContainText("Waiting for an editor");
  await expect(mine).not.toContainText("Note from the editors");

  // Approved, it is on the readers' page.
  await queue
    .getByRole("article")
    .filter({ hasText: "finance minister" })
    .getByRole("button", { name: "Approve" })
    .click();
  await expect(queue.getByText("Nothing waiting for review.")).toBeVisible();
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).posts).toHaveCount(1);
  await expect(updates(reader).posts.first()).toContainText("The finance minister said it, on the record.");
  await coAuthor.reload();
  await expect(coAuthor.getByRole("region", { name: "Your posts for review" }).getByRole("article")).toHaveCount(0);
});

test("an unknown invitation link says so", async ({ page }) => {
  await page.goto("/invite/not-a-real-invitation-token");
  await expect(page.getByRole("heading", { name: "This invitation link does not work" })).toBeVisible();
});
