import type { Page } from "@playwright/test";
import { createEvent, expect, markDocument, newAccount, signUpViaApi, test, unique } from "./fixtures";

// Submissions and review outcomes arrive live, over the same Postgres bus as presence:
// nobody clicks "check" or reloads.

async function inviteLink(owner: Page): Promise<string> {
  const team = owner.getByRole("region", { name: "Team", exact: true });
  await team.getByLabel("Email", { exact: true }).fill(`invitee-${unique()}@e2e.herald.test`);
  await team.getByLabel("Role", { exact: true }).selectOption("CONTRIBUTOR");
  await team.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(team.getByLabel("Invitation link")).toHaveValue(/\/invite\//);
  return team.getByLabel("Invitation link").inputValue();
}

async function contributorOn(newPerson: () => Promise<Page>, link: string, slug: string): Promise<Page> {
  const page = await newPerson();
  const account = newAccount("contributor");
  await signUpViaApi(page.request, account);
  await page.goto(new URL(link).pathname);
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/events/${slug}$`));
  return page;
}

async function submit(page: Page, body: string) {
  await page.getByLabel("Post", { exact: true }).fill(body);
  await page.getByRole("button", { name: "Send for review" }).click();
  await expect(page.locator("form").getByRole("status")).toHaveText("Sent to the editors.");
}

test("two contributors' submissions reach the editor's queue, and the outcomes reach them, live", async ({
  editorPage: editor,
  newPerson,
}) => {
  test.slow();
  const slug = await createEvent(editor, `Live review ${unique()}`);
  const ana = await contributorOn(newPerson, await inviteLink(editor), slug);
  const ben = await contributorOn(newPerson, await inviteLink(editor), slug);
  const queue = editor.getByRole("region", { name: "Review queue", exact: true });
  await expect(queue.getByText("Nothing waiting for review.")).toBeVisible();
  const sameDocument = await markDocument(editor);

  await submit(ana, "Ana: turnout is up in the north.");
  await submit(ben, "Ben: the count starts at ten.");
  await expect(queue.getByRole("article").filter({ hasText: "turnout is up" })).toBeVisible();
  await expect(queue.getByRole("article").filter({ hasText: "the count starts" })).toBeVisible();

  const anaSees = await markDocument(ana);
  const benSees = await markDocument(ben);
  await queue
    .getByRole("article")
    .filter({ hasText: "turnout is up" })
    .getByRole("button", { name: "Approve" })
    .click();
  const bens = queue.getByRole("article").filter({ hasText: "the count starts" });
  await bens.getByRole("button", { name: "Send back" }).click();
  await bens.getByLabel("Note to the author").fill("Which hall? Name it.");
  await bens.getByRole("button", { name: "Send back" }).click();
  await expect(queue.getByText("Nothing waiting for review.")).toBeVisible();

  const anaMine = ana.getByRole("region", { name: "Your posts for review" });
  await expect(anaMine.getByText("Nothing waiting: write a post above.")).toBeVisible();
  const benMine = ben.getByRole("region", { name: "Your posts for review" }).getByRole("article");
  await expect(benMine).toContainText("Sent back to you");
  await expect(benMine).toContainText("Note from the editors: Which hall? Name it.");
  for (const check of [sameDocument, anaSees, benSees]) await check();
});
