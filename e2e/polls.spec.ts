import type { Page } from "@playwright/test";
import { xssCorpus } from "../test/xss-corpus";
import { createEventViaUi, expect, fillPollPost, test, unique, updates } from "./fixtures";

// An editor adds a poll to a post; readers vote once without an account, see the results
// after voting and watch them change live; a replay counts nothing, the form works
// without JavaScript, and closing the poll freezes it everywhere.

/** Publishes a post with a poll from the console's composer. */
async function publishPollViaUi(desk: Page, body: string, question: string, options: string[]) {
  await fillPollPost(desk, body, question, options);
  await desk.getByRole("button", { name: "Publish" }).click();
  await expect(desk.locator("form").getByRole("status").first()).toHaveText("Published.");
}

const pollOf = (page: Page) => updates(page).posts.first().locator("section[data-poll-id]");
const option = (page: Page, label: string) => pollOf(page).getByRole("listitem").filter({ hasText: label });

test("two readers vote and see each other's votes live; a replay counts nothing; closing freezes it", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEventViaUi(desk, `Poll ${unique()}`);
  await publishPollViaUi(desk, "Your call.", "Which colour?", ["Red", "Green", "Blue"]);
  // The desk sees results from the start, and the Close poll button.
  await expect(option(desk, "Red")).toContainText("0 votes");

  const reader = await newPerson();
  const other = await newPerson();
  for (const page of [reader, other]) {
    await page.goto(`/e/${slug}`);
    await expect(updates(page).badge).toHaveText("Live");
    await expect(pollOf(page).getByRole("radio")).toHaveCount(3);
  }

  await pollOf(reader).getByRole("radio", { name: "Green" }).check();
  await pollOf(reader).getByRole("button", { name: "Vote" }).click();
  await expect(option(reader, "Green")).toContainText("100% · 1 vote");
  await expect(option(reader, "Green")).toContainText("Your vote");
  await expect(pollOf(reader).locator("[data-poll-total]")).toHaveText("1 vote");

  await pollOf(other).getByRole("radio", { name: "Blue" }).check();
  await pollOf(other).getByRole("button", { name: "Vote" }).click();
  await expect(option(other, "Blue")).toContainText("50% · 1 vote");
  await expect(option(other, "Green")).toContainText("50% · 1 vote");
  // Live, without a reload: the first reader and the desk see the second vote.
  await expect(option(reader, "Blue")).toContainText("50% · 1 vote");
  await expect(option(desk, "Blue")).toContainText("1 vote");
  await expect(pollOf(desk).locator("[data-poll-total]")).toHaveText("2 votes");
  if (process.env.SCREENSHOTS) {
    for (const scheme of ["light", "dark"] as const) {
      await other.emulateMedia({ colorScheme: scheme });
      await pollOf(other).screenshot({ path: `docs/screenshots/poll-${scheme}.png` });
    }
    await pollOf(desk).screenshot({ path: "docs/screenshots/poll-console.png" });
  }

  // The same request again, with the same cookie, even for another option: counted once.
  const postId = await updates(reader).posts.first().getAttribute("data-post-id");
  const optionId = await option(reader, "Red").getAttribute("data-option-id");
  const replay = await reader.request.post(`/api/events/${slug}/posts/${postId}/poll`, {
    data: { option: optionId },
    headers: { origin: new URL(reader.url()).origin },
  });
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toMatchObject({ created: false });
  await reader.reload();
  await expect(option(reader, "Green")).toContainText("Your vote"); // a reader who voted sees results
  await expect(option(reader, "Red")).toContainText("0 votes");

  // Closing: every page shows it closed with the final results, and a vote is refused.
  await updates(desk).posts.first().getByRole("button", { name: "Close poll" }).click();
  await desk.getByRole("dialog").getByRole("button", { name: "Close poll" }).click();
  for (const page of [reader, other, desk]) await expect(pollOf(page)).toContainText("Poll closed");
  await expect(updates(desk).posts.first().getByRole("button", { name: "Close poll" })).toHaveCount(0);
  const late = await newPerson();
  await late.goto(`/e/${slug}`);
  await expect(pollOf(late)).toContainText("Poll closed");
  await expect(pollOf(late).getByRole("radio")).toHaveCount(0);
  await expect(pollOf(late).locator("[data-poll-total]")).toHaveText("2 votes");
  const refused = await late.request.post(`/api/events/${slug}/posts/${postId}/poll`, {
    data: { option: optionId },
    headers: { origin: new URL(late.url()).origin },
  });
  expect(refused.status()).toBe(409);
});

test("a reader without JavaScript votes with the form and comes back to the results", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEventViaUi(desk, `No-JS poll ${unique()}`);
  await publishPollViaUi(desk, "Tell us.", "Coffee or tea?", ["Coffee", "Tea"]);
  const reader = await newPerson({ javaScriptEnabled: false });
  await reader.goto(`/e/${slug}`);
  const postId = await updates(reader).posts.first().getAttribute("data-post-id");
  await pollOf(reader).getByRole("radio", { name: "Tea" }).check();
  await pollOf(reader).getByRole("button", { name: "Vote" }).click();
  await expect(reader).toHaveURL(new RegExp(`/e/${slug}/p/${postId}\\?voted=1#post-${postId}$`));
  const results = reader.locator(`#post-${postId} section[data-poll-id]`);
  await expect(results.getByRole("listitem").filter({ hasText: "Tea" })).toContainText("100% · 1 vote");
  await expect(results.getByRole("radio")).toHaveCount(0);
});

test("hostile option labels render as text and run nothing", async ({ editorPage: desk, newPerson }) => {
  const slug = await createEventViaUi(desk, `Hostile poll ${unique()}`);
  const labels = xssCorpus.slice(0, 6).map((payload, i) => `${i} ${payload}`.slice(0, 80));
  await publishPollViaUi(desk, "Careful.", "<img src=x onerror=alert(1)>", labels);
  const reader = await newPerson();
  let dialogs = 0;
  reader.on("dialog", (dialog) => {
    dialogs++;
    void dialog.dismiss();
  });
  await reader.goto(`/e/${slug}`);
  await expect(pollOf(reader).getByRole("radio")).toHaveCount(6);
  await expect(pollOf(reader).getByRole("heading")).toContainText("<img src=x onerror=alert(1)>");
  await pollOf(reader).getByRole("radio").first().check();
  await pollOf(reader).getByRole("button", { name: "Vote" }).click();
  await expect(option(reader, labels[0]!)).toContainText("1 vote");
  for (const label of labels) await expect(pollOf(reader)).toContainText(label);
  expect(dialogs).toBe(0);
  expect(await reader.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test("an editor keeps a poll back as a draft; readers see it, and vote, once it is published", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEventViaUi(desk, `Poll draft ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  await fillPollPost(desk, "Half-time question.", "Who scores next?", ["Home", "Away"]);
  await desk.getByRole("button", { name: "Save as draft" }).click();
  await expect(desk.getByText("Saved as a draft.")).toBeVisible();
  const kept = desk.getByRole("region", { name: "Drafts and scheduled posts" });
  await expect(kept).toContainText("Poll: Who scores next? (Home · Away)");
  if (process.env.SCREENSHOTS) await kept.screenshot({ path: "docs/screenshots/kept-back-poll.png" });
  await expect(updates(reader).empty).toBeVisible();

  await kept.getByRole("button", { name: "Publish now" }).click();
  await expect(pollOf(reader).getByRole("radio")).toHaveCount(2);
  await pollOf(reader).getByRole("radio", { name: "Away" }).check();
  await pollOf(reader).getByRole("button", { name: "Vote" }).click();
  await expect(option(reader, "Away")).toContainText("100% · 1 vote");
  await expect(option(desk, "Away")).toContainText("1 vote");
});
