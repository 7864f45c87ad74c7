import path from "node:path";
import type { Page } from "@playwright/test";
import { demo, expect, test, updates } from "./fixtures";

// Screenshots for the docs, of the seeded demo newsroom. Not a test of the product:
// run on purpose with `SCREENSHOTS=1 npx playwright test screenshots`.
test.skip(!process.env.SCREENSHOTS, "set SCREENSHOTS=1 to write docs/screenshots/*.png");

const out = (name: string) => path.join(import.meta.dirname, "..", "docs", "screenshots", name);

test.use({ locale: "en-GB", timezoneId: "UTC" });

/** The demo event's console, as its editor sees it. */
async function openConsole(page: Page, signIn: (credentials?: typeof demo) => Promise<void>) {
  await signIn(demo);
  await page.goto(`/dashboard/events/${demo.eventSlug}`);
  await expect(page.getByRole("heading", { level: 1, name: "Herald launch keynote" })).toBeVisible();
  await expect(updates(page).badge).toHaveText("Live");
  await expect(updates(page).posts).toHaveCount(3);
}

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

for (const colorScheme of ["light", "dark"] as const) {
  const suffix = colorScheme === "dark" ? "-dark" : "";
  test.describe(`docs screenshots, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test(`event page, desktop, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(`/e/${demo.eventSlug}`);
      await expect(updates(page).badge).toHaveText("Live");
      await expect(updates(page).posts).toHaveCount(3);
      await page.screenshot({ path: out(`event-page-desktop${suffix}.png`), fullPage: true, animations: "disabled" });
    });

    test(`console, desktop, ${colorScheme}`, async ({ page, signIn }) => {
      await page.setViewportSize({ width: 1280, height: 800 });
      await openConsole(page, signIn);
      await page.screenshot({ path: out(`console${suffix}.png`), fullPage: true, animations: "disabled" });
    });

    test.describe("phone", () => {
      test.use(phone);

      test(`console, phone, ${colorScheme}`, async ({ page, signIn }) => {
        await openConsole(page, signIn);
        await page.screenshot({ path: out(`console-phone${suffix}.png`), fullPage: true, animations: "disabled" });
      });

      test(`event page, phone, ${colorScheme}`, async ({ page }) => {
        await page.goto(`/e/${demo.eventSlug}`);
        await expect(updates(page).badge).toHaveText("Live");
        await expect(updates(page).posts).toHaveCount(3);
        await page.screenshot({ path: out(`event-page-phone${suffix}.png`), fullPage: true, animations: "disabled" });
      });
    });
  });
}

test.describe("docs screenshots, home", () => {
  test.use({ colorScheme: "light" });

  test("home page", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Live now" })).toBeVisible();
    await page.screenshot({ path: out("home.png"), fullPage: true, animations: "disabled" });
  });
});
