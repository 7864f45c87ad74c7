import { createEvent, expect, signInViaApi, test, unique } from "./fixtures";

test("a signed-in editor signs out from the newsroom header and from the home page", async ({ page, editor }) => {
  await page.goto("/dashboard");
  const account = page.getByRole("banner").getByRole("navigation", { name: "Account" });
  await expect(account.getByRole("link", { name: editor.name })).toBeVisible();
  await account.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/");
  const home = page.getByRole("banner").getByRole("navigation", { name: "Account" });
  await expect(home.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(home.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);

  // Signed in again, the home page's header offers it too.
  await signInViaApi(page.request, editor);
  await page.goto("/");
  await expect(home.getByRole("link", { name: "Dashboard" })).toBeVisible();
  await home.getByRole("button", { name: "Sign out" }).click();
  await expect(home.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fdashboard$/);
});

test('the newsroom\'s forms are rendered with a valid action, never action=""', async ({ editorPage: page }) => {
  const slug = await createEvent(page, `Forms ${unique()}`);
  const consolePath = `/dashboard/events/${slug}`;
  for (const path of ["/dashboard", consolePath, "/dashboard/account"]) {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    const forms = html.match(/<form\b[^>]*>/g) ?? [];
    expect(forms.length, `forms on ${path}`).toBeGreaterThan(0);
    // An action, when there is one, is a URL: the empty string is not valid HTML.
    for (const form of forms) expect(form, `a form on ${path}`).not.toMatch(/\saction=""/);
  }
  // The composer, the settings, the team and the API tokens post back to the console itself.
  const html = await (await page.request.get(consolePath)).text();
  const toConsole = html.match(new RegExp(`<form\\b[^>]*action="${consolePath}"`, "g")) ?? [];
  expect(toConsole.length).toBeGreaterThanOrEqual(4);
});
