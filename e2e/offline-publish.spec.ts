import type { Page } from "@playwright/test";
import { createEvent, expect, publishViaUi, test, unique, updates } from "./fixtures";

// The composer never loses an editor's words: what is typed survives a reload, and a post
// published while the network is down waits, then is published once, under the key it was
// first sent with.

const composer = (page: Page) => page.locator("form").filter({ has: page.getByLabel("Post", { exact: true }) });
const keyOf = (page: Page) => composer(page).locator('input[type="hidden"][name="idempotencyKey"]').inputValue();
const headlineOf = (page: Page) => page.getByLabel("Headline (optional)", { exact: true });
const bodyOf = (page: Page) => page.getByLabel("Post", { exact: true });
const statusOf = (page: Page) => composer(page).getByRole("status");

async function consoleAndReader(desk: Page, newPerson: () => Promise<Page>) {
  const slug = await createEvent(desk, `Offline ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");
  return { slug, reader };
}

/** After a reload, so that only what the server kept is counted. */
async function postsAfterReload(page: Page) {
  await page.reload();
  await expect(updates(page).region).toBeVisible();
  return updates(page).posts;
}

test("a post published offline waits, then is published once", async ({ editorPage: desk, newPerson }) => {
  const { reader } = await consoleAndReader(desk, newPerson);
  await headlineOf(desk).fill("Polls closed");
  await bodyOf(desk).fill("Counting starts in the town hall.");
  const key = await keyOf(desk);

  await desk.context().setOffline(true);
  await desk.getByRole("button", { name: "Publish" }).click();
  await expect(statusOf(desk)).toHaveText("Waiting for the network — will publish when it is back.");
  // Still the console, with the text and its key, across a resend or two.
  await desk.waitForTimeout(3_000);
  await expect(statusOf(desk)).toHaveText(/^Waiting for the network/);
  await expect(headlineOf(desk)).toHaveValue("Polls closed");
  await expect(bodyOf(desk)).toHaveValue("Counting starts in the town hall.");
  expect(await keyOf(desk)).toBe(key);
  await expect(updates(reader).posts).toHaveCount(0);

  await desk.context().setOffline(false);
  await expect(statusOf(desk)).toHaveText("Published.", { timeout: 40_000 });
  await expect(bodyOf(desk)).toHaveValue("");
  await expect(updates(reader).posts).toHaveCount(1);
  const posts = await postsAfterReload(reader);
  await expect(posts).toHaveCount(1);
  await expect(posts.first()).toContainText("Counting starts in the town hall.");
});

test("a publish whose answer is lost (a 502) is sent again and published once", async ({
  editorPage: desk,
  newPerson,
}) => {
  const { slug, reader } = await consoleAndReader(desk, newPerson);
  // The first publish reaches the server, but a proxy answers 502; later ones pass.
  let lost = 0;
  await desk.route(`**/dashboard/events/${slug}`, async (route) => {
    const request = route.request();
    const publish = request.method() === "POST" && request.postData()?.includes("idempotencyKey");
    if (!publish || !(await request.headerValue("next-action")) || lost > 0) return route.continue();
    await route.fetch();
    lost++;
    await route.fulfill({ status: 502, body: "Bad Gateway" });
  });

  await bodyOf(desk).fill("Written once, answered twice.");
  await desk.getByRole("button", { name: "Publish" }).click();
  await expect(statusOf(desk)).toHaveText("Published.", { timeout: 40_000 });
  expect(lost).toBe(1);
  await expect(updates(reader).posts).toHaveCount(1);
  await expect(await postsAfterReload(reader)).toHaveCount(1);
});

test("the composer's text survives a reload until it is published", async ({ editorPage: desk, newPerson }) => {
  const { slug, reader } = await consoleAndReader(desk, newPerson);
  await headlineOf(desk).fill("Turnout");
  await bodyOf(desk).fill("Higher than in any election since");
  const key = await keyOf(desk);

  await desk.reload();
  await expect(bodyOf(desk)).toHaveValue("Higher than in any election since");
  await expect(headlineOf(desk)).toHaveValue("Turnout");
  expect(await keyOf(desk), "the restored post keeps its key").toBe(key);

  await bodyOf(desk).press("End");
  await bodyOf(desk).pressSequentially(" 1990.");
  await desk.getByRole("button", { name: "Publish" }).click();
  await expect(statusOf(desk)).toHaveText("Published.");
  await expect(updates(reader).posts).toHaveCount(1);
  await expect(updates(reader).posts.first()).toContainText("Higher than in any election since 1990.");
  const kept = await desk.evaluate((name) => localStorage.getItem(name), `herald:draft:${slug}`);
  expect(kept, "a published post leaves no copy behind").toBeNull();
  await desk.reload();
  await expect(updates(desk).region).toBeVisible();
  await expect(bodyOf(desk)).toHaveValue("");
});

test("an edit's text survives a reload until it is saved", async ({ editorPage: desk, newPerson }) => {
  const { reader } = await consoleAndReader(desk, newPerson);
  await publishViaUi(desk, "Turnout is 61 per cent.");
  const edit = async () => {
    await updates(desk).posts.first().getByRole("button", { name: "Edit" }).click();
    return desk.getByRole("form", { name: "Edit post" }).getByLabel("Post", { exact: true });
  };
  await (await edit()).fill("Turnout is 64 per cent, corrected.");

  await desk.reload();
  await expect(updates(desk).badge).toHaveText("Live"); // hydrated: Edit answers a click
  await expect(await edit()).toHaveValue("Turnout is 64 per cent, corrected.");
  await desk.getByRole("form", { name: "Edit post" }).getByRole("button", { name: "Save" }).click();
  await expect(updates(reader).posts.first()).toContainText("Turnout is 64 per cent, corrected.");

  await expect(desk.getByRole("form", { name: "Edit post" })).toHaveCount(0);

  // Saved, the copy goes.
  const kept = await desk.evaluate(() => Object.keys(localStorage).filter((name) => name.startsWith("herald:edit:")));
  expect(kept).toEqual([]);
  await expect(updates(reader).posts).toHaveCount(1);
});

test("a quote's kind and attribution survive a reload with its words", async ({ editorPage: desk, newPerson }) => {
  const { reader } = await consoleAndReader(desk, newPerson);
  await desk.getByLabel("Kind", { exact: true }).selectOption("quote");
  await desk.getByLabel("Quote by (for a quote)", { exact: true }).fill("The returning officer");
  await bodyOf(desk).fill("The count will finish by dawn.");

  await desk.reload();
  await expect(bodyOf(desk)).toHaveValue("The count will finish by dawn.");
  await expect(desk.getByLabel("Kind", { exact: true })).toHaveValue("quote");
  await expect(desk.getByLabel("Quote by (for a quote)", { exact: true })).toHaveValue("The returning officer");

  await desk.getByRole("button", { name: "Publish" }).click();
  await expect(statusOf(desk)).toHaveText("Published.");
  const quote = updates(reader).posts.first().locator("blockquote");
  await expect(quote).toContainText("The count will finish by dawn.");
  await expect(quote.locator("cite")).toHaveText("The returning officer");
});
