import crypto from "node:crypto";
import { test as base, expect, type APIRequestContext, type Page } from "@playwright/test";
import { demo } from "../scripts/demo-account";

export { expect, demo };

export type Credentials = { email: string; password: string };
export type NewAccount = Credentials & { name: string };

/** A short random suffix, so parallel tests and repeated runs never collide. */
export function unique(): string {
  return crypto.randomBytes(4).toString("hex");
}

/** A fresh, never-used account (not yet created). */
export function newAccount(prefix = "editor"): NewAccount {
  const id = unique();
  return { name: `E2E ${prefix} ${id}`, email: `${prefix}-${id}@e2e.herald.test`, password: `pw-${id}-long-enough` };
}

/**
 * Signs in through next-auth's credentials endpoint with the page's own request context,
 * which shares its cookie jar with the browser context: the page is then signed in.
 */
export async function signInViaApi(request: APIRequestContext, { email, password }: Credentials): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.ok(), "GET /api/auth/csrf").toBe(true);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, json: "true" },
  });
  expect(response.ok(), "POST /api/auth/callback/credentials").toBe(true);
  // next-auth answers 200 either way; a failed sign-in carries ?error= in its url.
  const { url } = (await response.json()) as { url: string };
  expect(url, "credentials sign-in").not.toContain("error=");
}

/** Signs up through the form, as a person would; ends on the dashboard, signed in. */
export async function signUpViaUi(page: Page, account: NewAccount): Promise<void> {
  await page.goto("/sign-up");
  await page.getByLabel("Your name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Your events" })).toBeVisible();
}

/** Creates an event from the dashboard form; ends on its console. Returns the slug in the URL. */
export async function createEventViaUi(page: Page, title: string, slug = ""): Promise<string> {
  await page.goto("/dashboard");
  await page.getByLabel("Title", { exact: true }).fill(title);
  if (slug) await page.getByLabel("Address", { exact: true }).fill(slug);
  await page.getByRole("button", { name: "Create event" }).click();
  await expect(page).toHaveURL(/\/dashboard\/events\/[a-z0-9-]+$/);
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The "Updates" section of a reader page or console: the feed and its live badge. */
export function updates(page: Page) {
  const region = page.getByRole("region", { name: "Updates" });
  return {
    region,
    badge: region.getByRole("status"),
    posts: region.getByRole("article"),
    empty: region.getByText("No updates yet."),
  };
}

type Fixtures = {
  /** Signs this test's page in (via next-auth's credentials endpoint). */
  signIn: (credentials?: Credentials) => Promise<void>;
  /** A brand-new account, signed up through the form; the page is signed in as it. */
  editor: NewAccount;
};

// (Playwright calls a fixture's second argument `use`; named `provide` here so that the
// React hooks lint rule does not take it for React's use().)
export const test = base.extend<Fixtures>({
  signIn: async ({ page }, provide) => {
    await provide((credentials = demo) => signInViaApi(page.request, credentials));
  },
  editor: async ({ page }, provide) => {
    const account = newAccount();
    await signUpViaUi(page, account);
    await provide(account);
  },
});
