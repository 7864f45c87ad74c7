import { demo, expect, newAccount, test } from "./fixtures";

const mismatch = "That email and password do not match an account.";

async function submitSignIn(page: import("@playwright/test").Page, email: string, password: string) {
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a wrong password and an unknown email get the same message", async ({ page }) => {
  await page.goto("/sign-in");
  await submitSignIn(page, demo.email, "not-the-password");
  const alert = page.locator("form").getByRole("alert");
  await expect(alert).toHaveText(mismatch);
  const wrongPassword = await alert.textContent();

  await page.reload();
  await expect(alert).toHaveCount(0);
  await submitSignIn(page, `nobody-${Date.now()}@e2e.herald.test`, demo.password);
  await expect(alert).toHaveText(mismatch);
  expect(await alert.textContent()).toBe(wrongPassword);

  // Still signed out.
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
});

test("anonymous visitors to the dashboard and to a console are sent to sign in", async ({ page }) => {
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
  await expect(page.getByRole("heading", { name: "Sign in to your newsroom" })).toBeVisible();

  await page.goto(`/dashboard/events/${demo.eventSlug}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await expect(page.getByRole("heading", { name: "Sign in to your newsroom" })).toBeVisible();
  await expect(page.getByText("Herald launch keynote")).toHaveCount(0);
});

// BUG (reported): app/(dashboard)/layout.tsx calls requireUserOrRedirect("/dashboard"),
// and its redirect wins over the console page's own, so the callbackUrl is always
// /dashboard: after signing in, the editor lands on the dashboard, not on the console
// link they followed. Un-fixme once the layout passes the requested path along.
test("signing in from a console link returns to that console", async ({ page }) => {
  const consolePath = `/dashboard/events/${demo.eventSlug}`;
  await page.goto(consolePath);
  await expect(page).toHaveURL(`/sign-in?callbackUrl=${encodeURIComponent(consolePath)}`);
  await submitSignIn(page, demo.email, demo.password);
  await expect(page).toHaveURL(consolePath);
  await expect(page.getByRole("heading", { level: 1, name: "Herald launch keynote" })).toBeVisible();
});

test("the demo editor signs in and lands on the dashboard with the demo event", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await submitSignIn(page, demo.email, demo.password);

  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("heading", { name: "Your events" })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(demo.name);
  const event = page.getByRole("link", { name: "Herald launch keynote" });
  await expect(event).toBeVisible();
  await expect(page.getByText(`/e/${demo.eventSlug} · 3 posts · owner`)).toBeVisible();

  await event.click();
  await expect(page).toHaveURL(`/dashboard/events/${demo.eventSlug}`);
  await expect(page.getByRole("region", { name: "Updates" }).getByRole("article")).toHaveCount(3);
});

test("without JavaScript, sign-in works, says why it was refused, and never puts the password in a URL", async ({
  newPerson,
}) => {
  // Without JavaScript the form is also what a slow page sends before hydration.
  const early = await newPerson({ javaScriptEnabled: false });
  const requests: string[] = [];
  early.on("request", (request) => requests.push(request.url()));
  await early.goto("/sign-in");
  await submitSignIn(early, demo.email, "not-the-password");
  await expect(early.getByRole("alert")).toHaveText("That email and password do not match an account.");
  expect(new URL(early.url()).pathname).toBe("/sign-in");

  await submitSignIn(early, demo.email, demo.password);
  await expect(early).toHaveURL("/dashboard");
  await expect(early.getByRole("banner")).toContainText(demo.name);
  for (const url of [early.url(), ...requests]) {
    expect(url).not.toContain(encodeURIComponent(demo.password));
    expect(url).not.toContain(demo.password);
  }
});

test("a signed-in user who is not on the event's team gets a not-found page for its console", async ({
  page,
  editor,
}) => {
  // `editor` has just signed up: signed in, on no team.
  await page.goto("/dashboard");
  await expect(page.getByText("No events yet.")).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(editor.name);

  const response = await page.goto(`/dashboard/events/${demo.eventSlug}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText("This page could not be found.")).toBeVisible();
  await expect(page.getByText("Herald launch keynote")).toHaveCount(0);
  await expect(page.getByLabel("Post", { exact: true })).toHaveCount(0);

  // Same answer as for an event that does not exist at all: no hint that it does.
  const missing = await page.goto("/dashboard/events/no-such-event");
  expect(missing?.status()).toBe(404);
  await expect(page.getByText("This page could not be found.")).toBeVisible();
});

test("sign-up keeps the name and email after a rejected submission", async ({ page }) => {
  const account = newAccount();
  await page.goto("/sign-up");
  await page.getByLabel("Your name", { exact: true }).fill(account.name);
  await page.getByLabel("Email", { exact: true }).fill(demo.email); // already taken
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "An account with this email already exists. Sign in instead.",
  );
  await expect(page.getByText("An account with this email already exists.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Email", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/sign-up/);
  await expect(page.getByLabel("Your name", { exact: true })).toHaveValue(account.name);
  await expect(page.getByLabel("Email", { exact: true })).toHaveValue(demo.email);

  // Fixing the email is all it takes.
  await page.getByLabel("Email", { exact: true }).fill(account.email);
  await page.getByLabel("Password", { exact: true }).fill(account.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByRole("banner")).toContainText(account.name);
});
