import type { Page } from "@playwright/test";
import { expect, test, unique, updates, createEvent } from "./fixtures";
import { createTokenViaUi, publishViaApi } from "./reader-helpers";

// Two-click social embeds (lib/posts/embeds.ts, lib/client/embed-consent.ts): a reader's
// browser asks no provider for anything until the reader clicks a card's button, then asks
// exactly that provider; a remembered consent loads that provider by itself on the next
// visit. Every request to a host other than ours is recorded and aborted, so the test
// needs no network and no provider ever hears from it.

const vimeo = "https://vimeo.com/76979871";
const youtube = "https://youtu.be/dQw4w9WgXcQ";
const spotify = "https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC";
const tweet = "https://x.com/herald/status/1234567890123456789";

/** Records (and aborts) every request of the reader's context to another host than ours. */
async function blockThirdParties(reader: Page, appHost: string) {
  const hosts: string[] = [];
  await reader.context().route("**/*", async (route) => {
    const host = new URL(route.request().url()).host;
    if (host === appHost) return route.continue();
    hosts.push(host);
    return route.abort("blockedbyclient");
  });
  await reader.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return hosts;
}

const violations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);

test("social embeds load nothing before consent, exactly the chosen provider after", async ({
  editorPage: console,
  request,
  newPerson,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const slug = await createEvent(console, `Embeds ${unique()}`);
  const token = await createTokenViaUi(console);
  for (const url of [vimeo, youtube, spotify]) await publishViaApi(request, slug, token, url);

  const reader = await newPerson({ viewport: { width: 1000, height: 900 } });
  const requested = await blockThirdParties(reader, new URL(baseURL!).host);
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live", { timeout: 60_000 });
  await expect(feed.posts).toHaveCount(3);

  // Each card names its provider, shows the link, and (script running) offers the two clicks.
  const card = (name: string) => feed.region.locator(".embed-consent").filter({ hasText: `Load content from ${name}` });
  for (const [name, url] of [
    ["Vimeo", vimeo],
    ["YouTube", youtube],
    ["Spotify", spotify],
  ] as const) {
    await expect(card(name).getByRole("link", { name: url })).toHaveAttribute("href", url);
    await expect(card(name).getByRole("button", { name: `Load content from ${name}` })).toBeVisible();
    await expect(card(name)).toContainText(`by loading, you accept ${name}’s privacy policy`);
  }
  await expect(feed.region.locator("iframe")).toHaveCount(0);
  expect(requested).toEqual([]);

  // A click on Vimeo's card: Vimeo's player, in the box the card held, and no one else.
  // Where the box sits on the page (not in the viewport: the click may scroll).
  const place = (locator: typeof feed.region) =>
    locator.evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return { top: rect.top + window.scrollY, width: rect.width, height: rect.height };
    });
  const before = await place(card("Vimeo"));
  await card("Vimeo").getByRole("button", { name: "Load content from Vimeo" }).click();
  const player = feed.region.locator("iframe[src^='https://player.vimeo.com/video/76979871']");
  await expect(player).toHaveCount(1);
  await expect.poll(() => requested, { timeout: 30_000 }).toContain("player.vimeo.com");
  expect(new Set(requested)).toEqual(new Set(["player.vimeo.com"]));
  const box = feed.region.locator(".embed-consent[data-embed-provider='vimeo']");
  const after = await place(box);
  expect(before.height).toBeGreaterThan(100);
  expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(1);
  expect(Math.abs(after.width - before.width)).toBeLessThanOrEqual(1);
  expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(1);
  await expect(player).not.toHaveAttribute("sandbox");
  await expect(feed.region.locator("iframe")).toHaveCount(1);

  // A post arriving live gets a working card too, and loads nothing until clicked.
  await publishViaApi(request, slug, token, tweet);
  await expect(feed.posts).toHaveCount(4, { timeout: 60_000 });
  const xButton = card("X").getByRole("button", { name: "Load content from X" });
  await expect(xButton).toBeVisible();
  expect(requested.filter((host) => host !== "player.vimeo.com")).toEqual([]);
  await xButton.click();
  await expect(
    feed.region.locator("iframe[src^='https://platform.twitter.com/embed/Tweet.html?id=1234567890123456789']"),
  ).toHaveCount(1);
  await expect.poll(() => requested, { timeout: 30_000 }).toContain("platform.twitter.com");
  expect(new Set(requested)).toEqual(new Set(["player.vimeo.com", "platform.twitter.com"]));
  expect(await violations(reader)).toEqual([]);

  // "Always load Spotify content": after a reload Spotify loads by itself, and only Spotify.
  await card("Spotify").getByLabel("Always load Spotify content").check();
  await card("Spotify").getByRole("button", { name: "Load content from Spotify" }).click();
  await expect.poll(() => requested, { timeout: 30_000 }).toContain("open.spotify.com");
  requested.length = 0;
  await reader.reload();
  await expect(feed.posts).toHaveCount(4, { timeout: 60_000 });
  await expect(feed.region.locator("iframe[src^='https://open.spotify.com/embed/track/']")).toHaveCount(1);
  await expect.poll(() => requested, { timeout: 30_000 }).toContain("open.spotify.com");
  await expect(card("Vimeo").getByRole("button", { name: "Load content from Vimeo" })).toBeVisible();
  expect(new Set(requested)).toEqual(new Set(["open.spotify.com"]));
  expect(await violations(reader)).toEqual([]);

  // The reader takes it back: the next visit asks again.
  await feed.region.getByRole("button", { name: "Stop loading Spotify content automatically" }).click();
  requested.length = 0;
  await reader.reload();
  await expect(feed.posts).toHaveCount(4, { timeout: 60_000 });
  await expect(card("Spotify").getByRole("button", { name: "Load content from Spotify" })).toBeVisible();
  await expect(feed.region.locator("iframe")).toHaveCount(0);
  expect(requested).toEqual([]);
});

test("without script a consent card is a plain link and nothing loads", async ({
  editorPage: console,
  request,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const slug = await createEvent(console, `Embeds no-JS ${unique()}`);
  const token = await createTokenViaUi(console);
  await publishViaApi(request, slug, token, vimeo);
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const reader = await context.newPage();
    const requested = await blockThirdParties(reader, new URL(baseURL!).host);
    await reader.goto(`/e/${slug}`);
    const cardLink = reader.getByRole("link", { name: vimeo });
    await expect(cardLink).toHaveAttribute("href", vimeo);
    await expect(reader.getByRole("button", { name: "Load content from Vimeo" })).toBeHidden();
    await expect(reader.locator("iframe")).toHaveCount(0);
    expect(requested).toEqual([]);
  } finally {
    await context.close();
  }
});
