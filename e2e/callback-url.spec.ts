import type { BrowserContext, Page } from "@playwright/test";
import { demo, expect, newAccount, test } from "./fixtures";

// Hostile callbackUrl values, as they appear in the query string. Each one, unchecked or
// checked by prefix alone, can make the browser leave the site after signing in.
const hostile = [
  ["tab", "%2F%09%2Fevil.example%2Fx"],
  ["newline", "%2F%0A%2Fevil.example%2Fx"],
  ["carriage return", "%2F%0D%2Fevil.example%2Fx"],
  ["backslash", "%2F%5Cevil.example%2Fx"],
  ["two backslashes", "%2F%5C%5Cevil.example%2Fx"],
  ["encoded tab", "%2F%2509%2Fevil.example%2Fx"],
  ["encoded newline", "%2F%250a%2Fevil.example%2Fx"],
  ["encoded backslash", "%2F%255c%2Fevil.example%2Fx"],
  ["dot segment", "%2F.%2F%2Fevil.example%2Fx"],
  ["protocol-relative", "%2F%2Fevil.example%2Fx"],
  ["absolute", "https%3A%2F%2Fevil.example%2Fx"],
] as const;

/** Answers every request that leaves the site itself, and records it: the test fails if there is one. */
async function recordOffSite(context: BrowserContext, site: string): Promise<string[]> {
  const offSite: string[] = [];
  await context.route(
    (url) => url.origin !== site,
    (route) => {
      offSite.push(route.request().url());
      return route.fulfill({ status: 200, contentType: "text/html", body: "<h1>Off the site</h1>" });
    },
  );
  return offSite;
}

async function expectOnSite(page: Page, site: string, path: string, offSite: string[]) {
  await expect(page).toHaveURL(`${site}${path}`);
  await expect(page.getByRole("heading", { name: "Your events" })).toBeVisible();
  expect(offSite).toEqual([]);
}

for (const [name, callbackUrl] of hostile) {
  test(`sign-in with a ${name} in the callbackUrl ends on the dashboard`, async ({ page, context, baseURL }) => {
    const site = new URL(baseURL!).origin;
    const offSite = await recordOffSite(context, site);
    await page.goto(`/sign-in?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email", { exact: true }).fill(demo.email);
    await page.getByLabel("Password", { exact: true }).fill(demo.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expectOnSite(page, site, "/dashboard", offSite);
  });

  test(`sign-up with a ${name} in the callbackUrl ends on the dashboard`, async ({ page, context, baseURL }) => {
    const site = new URL(baseURL!).origin;
    const offSite = await recordOffSite(context, site);
    const account = newAccount("callback");
    await page.goto(`/sign-up?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Your name", { exact: true }).fill(account.name);
    await page.getByLabel("Email", { exact: true }).fill(account.email);
    await page.getByLabel("Password", { exact: true }).fill(account.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expectOnSite(page, site, "/dashboard", offSite);
  });
}

test("a same-site callbackUrl with a query is followed after sign-in", async ({ page, context, baseURL }) => {
  const site = new URL(baseURL!).origin;
  const offSite = await recordOffSite(context, site);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent("/dashboard?from=callback")}`);
  await page.getByLabel("Email", { exact: true }).fill(demo.email);
  await page.getByLabel("Password", { exact: true }).fill(demo.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expectOnSite(page, site, "/dashboard?from=callback", offSite);
});
