import type { Page } from "@playwright/test";
import { devices } from "@playwright/test";
import { expect, test, updates } from "./fixtures";
import { eventWithPosts } from "./reader-helpers";

// Cumulative layout shift as Chromium reports it (the Layout Instability API, the same
// entries Lighthouse sums), from the first paint until the page is live and settled. The
// goal is ≤ 0.05 on every reader page; what once moved: the order toggle and "Load older"
// appearing at hydration, and the badge's label re-wrapping the feed's header on a phone.

/** Starts recording layout shifts before any of the page's own scripts run. */
async function recordShifts(page: Page) {
  await page.addInitScript(() => {
    const shifts: number[] = [];
    (window as unknown as { __shifts: number[] }).__shifts = shifts;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!entry.hadRecentInput) shifts.push(entry.value);
    }).observe({ type: "layout-shift", buffered: true });
  });
}

async function cumulativeShift(page: Page): Promise<number> {
  // Two frames after the last change, so a shift caused by it has been reported.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  return page.evaluate(() => (window as unknown as { __shifts: number[] }).__shifts.reduce((a, b) => a + b, 0));
}

const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices["Pixel 7"];
const phone = { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch };
const screens = [
  { name: "phone", options: phone },
  { name: "desktop", options: { viewport: { width: 1350, height: 940 } } },
];

for (const { name, options } of screens) {
  test(`reader pages do not shift as they come live (${name})`, async ({ editorPage: console, request, newPerson }) => {
    test.slow();
    // One more post than the first page holds, so "Load older" is on the page too.
    const { slug, posts } = await eventWithPosts(console, request, 21, "Steady");
    for (const path of [`/e/${slug}`, `/e/${slug}/p/${posts[1]!.id}`, `/embed/${slug}`]) {
      const reader = await newPerson(options);
      await recordShifts(reader);
      await reader.goto(path);
      if (!path.includes("/p/")) await expect(updates(reader).badge).toHaveText("Live", { timeout: 60_000 });
      else await reader.waitForLoadState("load");
      expect(await cumulativeShift(reader), `CLS of ${path} (${name})`).toBeLessThanOrEqual(0.05);
      await reader.context().close();
    }
  });
}
