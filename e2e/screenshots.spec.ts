import path from "node:path";
import { demo, expect, test, updates } from "./fixtures";

// Screenshots for the docs, of the seeded demo newsroom. Not a test of the product:
// run on purpose with `SCREENSHOTS=1 npx playwright test screenshots`.
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to write docs/screenshots/*.png");

const out = (name: string) => path.join(import.meta.dirname, "..", "docs", "screenshots", name);

test.use({ colorScheme: "light", locale: "en-GB", timezoneId: "UTC" });

test.describe("docs screenshots", () => {
  test("event page, desktop", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`/e/${demo.eventSlug}`);
    await expect(updates(page).badge).toHaveText("Live");
    await expect(updates(page).posts).toHaveCount(3);
    await page.screenshot({ path: out("event-page-desktop.png"), fullPage: true, animations: "disabled" });
  });

  test.describe("phone", () => {
    test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

    test("event page, phone", async ({ page }) => {
      await page.goto(`/e/${demo.eventSlug}`);
      await expect(updates(page).badge).toHaveText("Live");
      await expect(updates(page).posts).toHaveCount(3);
      await page.screenshot({ path: out("event-page-phone.png"), fullPage: true, animations: "disabled" });
    });
  });

  test("console, signed in as the demo editor", async ({ page, signIn }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await signIn(demo);
    await page.goto(`/dashboard/events/${demo.eventSlug}`);
    await expect(page.getByRole("heading", { level: 1, name: "Herald launch keynote" })).toBeVisible();
    await expect(updates(page).badge).toHaveText("Live");
    await expect(updates(page).posts).toHaveCount(3);
    await page.screenshot({ path: out("console.png"), fullPage: true, animations: "disabled" });
  });
});
