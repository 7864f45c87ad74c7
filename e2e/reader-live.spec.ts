import type { APIRequestContext, Page } from "@playwright/test";
import { expect, markDocument, test, updates } from "./fixtures";
import { eventWithPosts, longBody, publishViaApi } from "./reader-helpers";

test.use({ viewport: { width: 390, height: 700 } });

/** How far `top` is from 100 px: scroll offsets are whole pixels, post heights are not. */
const offBy = (top: number) => Math.abs(top - 100);

/** A reader on a live event of 8 posts, reading the fifth (Update 4) 100 px from the top. */
async function readingUpdate4(
  console: Page,
  request: APIRequestContext,
  newPerson: (options: { viewport: { width: number; height: number } }) => Promise<Page>,
) {
  const { slug, token } = await eventWithPosts(console, request, 8);
  const reader = await newPerson({ viewport: { width: 390, height: 700 } });
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.posts).toHaveCount(8);
  const reading = feed.posts.filter({ hasText: "Update 4." });
  await reading.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100));
  await expect.poll(() => reading.evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBe(100);
  return { slug, token, reader, feed, reading };
}

test("a post arriving while the reader is scrolled away shows a pill and moves nothing on screen", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  // Reading the fifth post, scrolled well away from the top.
  const { slug, token, reader, feed, reading } = await readingUpdate4(console, request, newPerson);
  const title = await reader.title();
  const kept = await markDocument(reader);
  const scrollBefore = await reader.evaluate(() => window.scrollY);

  await publishViaApi(request, slug, token, longBody(9), "Breaking");
  const pill = reader.getByRole("button", { name: "1 new update" });
  await expect(pill).toBeVisible();
  await expect(feed.posts).toHaveCount(9);
  // What the reader was reading has not moved by a pixel; the page grew above it.
  expect(offBy(await reading.evaluate((el) => el.getBoundingClientRect().top))).toBeLessThanOrEqual(1);
  expect(await reader.evaluate(() => window.scrollY)).toBeGreaterThan(scrollBefore + 100);
  await expect(reader).toHaveTitle(`(1) ${title}`);

  // A second one: the count grows, still nothing moves.
  await publishViaApi(request, slug, token, longBody(10), "Breaking again");
  await expect(reader.getByRole("button", { name: "2 new updates" })).toBeVisible();
  expect(offBy(await reading.evaluate((el) => el.getBoundingClientRect().top))).toBeLessThanOrEqual(1);
  await expect(reader).toHaveTitle(`(2) ${title}`);

  // The pill takes the reader to the newest update, with focus on it, and goes away.
  await reader.getByRole("button", { name: "2 new updates" }).click();
  const newest = feed.posts.first();
  await expect(newest).toContainText("Breaking again");
  await expect(newest).toBeFocused();
  await expect(newest).toBeInViewport();
  await expect(reader.getByTestId("new-updates-pill")).toHaveCount(0);
  await expect(reader).toHaveTitle(title);

  // At the top, a new post simply appears first: no pill.
  await publishViaApi(request, slug, token, longBody(11), "Seen at once");
  await expect(feed.posts.first()).toContainText("Seen at once");
  await expect(feed.posts.first()).toBeInViewport();
  await expect(reader.getByTestId("new-updates-pill")).toHaveCount(0);
  await kept();
});

test("a post arriving while the pill scrolls the reader up lands in view, with no pill", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  const { slug, token, reader, feed } = await readingUpdate4(console, request, newPerson);
  await publishViaApi(request, slug, token, longBody(9), "Breaking");
  await reader.getByRole("button", { name: "1 new update" }).click();
  // Published while the smooth scroll is still under way.
  await publishViaApi(request, slug, token, longBody(10), "Mid-scroll");
  await expect(feed.posts.first()).toContainText("Mid-scroll");
  await expect(feed.posts.first()).toBeInViewport();
  await expect(reader.getByTestId("new-updates-pill")).toHaveCount(0);
});

test("older posts load by cursor at the end of the feed, and with the keyboard", async ({
  editorPage: console,
  request,
  newPerson,
}) => {
  test.slow(); // 45 posts to publish
  const { slug, posts } = await eventWithPosts(console, request, 45);
  const reader = await newPerson({ viewport: { width: 1280, height: 800 } });
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.posts).toHaveCount(20);

  // Oldest first (no automatic loading up there): the button, pressed from the keyboard.
  await reader.getByRole("button", { name: "Oldest first" }).click();
  await expect(feed.posts.first()).toContainText("Update 26.");
  const earlier = reader.getByRole("button", { name: "Load earlier updates" });
  await earlier.focus();
  await reader.keyboard.press("Enter");
  await expect(feed.posts).toHaveCount(40);
  await expect(feed.posts.first()).toContainText("Update 6.");

  // Newest first: reaching the end loads the rest by itself, and then there is nothing more.
  await reader.getByRole("button", { name: "Newest first" }).click();
  await feed.posts.last().scrollIntoViewIfNeeded();
  await expect(feed.posts).toHaveCount(45);
  await expect(feed.posts.last()).toContainText("Update 1.");
  await expect(reader.getByRole("button", { name: /Load (older|earlier) updates/ })).toHaveCount(0);
  const ids = await feed.posts.evaluateAll((els) => els.map((el) => el.getAttribute("data-post-id")));
  expect(ids).toEqual(posts.map((p) => p.id).reverse());

  // The endpoint refuses what is not a cursor.
  const bad = await request.get(`/api/events/${slug}/posts?before=nonsense`);
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: string }).error).toMatch(/before/);
});

test("the reader's choice of order is remembered", async ({ editorPage: console, request, newPerson }) => {
  const { slug } = await eventWithPosts(console, request, 3);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.posts.first()).toContainText("Update 3.");
  await expect(reader.getByRole("button", { name: "Newest first" })).toHaveAttribute("aria-pressed", "true");
  await reader.getByRole("button", { name: "Oldest first" }).click();
  await expect(feed.posts.first()).toContainText("Update 1.");

  await reader.reload();
  await expect(reader.getByRole("button", { name: "Oldest first" })).toHaveAttribute("aria-pressed", "true");
  await expect(feed.posts.first()).toContainText("Update 1.");
  await expect(feed.posts.last()).toContainText("Update 3.");
});
