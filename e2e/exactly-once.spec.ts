import type { Page } from "@playwright/test";
import { createEvent, expect, newAccount, signUpViaApi, test, unique, updates } from "./fixtures";

// The composer sends each post with an idempotency key made when the editor starts typing
// it: the same post sent twice (a double click, a request sent again on the way) is
// published once, and the next post gets a key of its own.

const composer = (page: Page) => page.locator("form").filter({ has: page.getByLabel("Post", { exact: true }) });
const keyOf = (page: Page) => composer(page).locator('input[type="hidden"][name="idempotencyKey"]').inputValue();

async function newConsole(page: Page): Promise<string> {
  await signUpViaApi(page.request, newAccount());
  return createEvent(page, `Exactly once ${unique()}`);
}

/** After a reload, so that only what the server kept is counted. */
async function postsAfterReload(page: Page) {
  await page.reload();
  await expect(updates(page).region).toBeVisible();
  return updates(page).posts;
}

test("a post submitted twice at once is published once; the next post gets a new key", async ({ page }) => {
  await newConsole(page);
  expect(await keyOf(page), "no key before the editor starts a post").toBe("");
  await page.getByLabel("Post", { exact: true }).fill("Only once, however often it is sent.");
  const key = await keyOf(page);
  expect(key).toMatch(/^[0-9a-f]{32}$/);

  // Two submissions of the same form before the first is answered (a double click): both
  // reach the server.
  const sends: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.postData()?.includes(key)) sends.push(request.url());
  });
  await composer(page).evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(composer(page).getByRole("status")).toHaveText("Published.");
  await expect.poll(() => sends.length).toBe(2);
  await expect(updates(page).posts).toHaveCount(1);
  await expect(await postsAfterReload(page)).toHaveCount(1);
  expect(await keyOf(page), "a fresh composer has no key yet").toBe("");

  await page.getByLabel("Post", { exact: true }).fill("A second post, a second key.");
  expect(await keyOf(page)).not.toBe(key);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(composer(page).getByRole("status")).toHaveText("Published.");
  await expect(updates(page).posts).toHaveCount(2);
  await expect(await postsAfterReload(page)).toHaveCount(2);
});

test("a publish whose request reaches the server twice is published once", async ({ page }) => {
  const slug = await newConsole(page);
  // The composer's publish is delivered twice, as a proxy retrying it would. (Other
  // server actions, such as the preview, pass as they are.)
  let delivered = 0;
  await page.route(`**/dashboard/events/${slug}`, async (route) => {
    const request = route.request();
    const publish = request.method() === "POST" && request.postData()?.includes("idempotencyKey");
    if (!publish || !(await request.headerValue("next-action"))) return route.continue();
    await route.fetch();
    delivered++;
    const again = await route.fetch();
    delivered++;
    await route.fulfill({ response: again });
  });

  await page.getByLabel("Post", { exact: true }).fill("Sent twice on the way, published once.");
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(composer(page).getByRole("status")).toHaveText("Published.");
  expect(delivered).toBe(2);
  await page.unroute(`**/dashboard/events/${slug}`);
  await expect(await postsAfterReload(page)).toHaveCount(1);
  await expect(updates(page).posts.first()).toContainText("Sent twice on the way, published once.");
});
