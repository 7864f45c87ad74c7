import { createEvent, demo, expect, test, unique, updates } from "./fixtures";

test("publishing an empty post shows an error and publishes nothing", async ({ editorPage: page, browser }) => {
  const slug = await createEvent(page, `Empty Post Check ${unique()}`);
  const body = page.getByLabel("Post", { exact: true });
  const publish = page.getByRole("button", { name: "Publish" });

  for (const blank of ["", "   \n\n  "]) {
    await body.fill(blank);
    await publish.click();
    await expect(page.getByText("The post was not published.")).toBeVisible();
    await expect(page.getByText("Write something before publishing.")).toBeVisible();
    await expect(body).toHaveAttribute("aria-invalid", "true");
    await expect(updates(page).empty).toBeVisible();
  }
  await page.reload();
  await expect(updates(page).empty).toBeVisible();
  await expect(updates(page).posts).toHaveCount(0);

  const reader = await browser.newPage();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).empty).toBeVisible();
  await reader.close();
});

test("a taken event address shows an error and keeps what was typed", async ({ page, signIn }) => {
  await signIn(demo);
  const title = `Duplicate Address ${unique()}`;
  await page.goto("/dashboard");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Address", { exact: true }).fill(demo.eventSlug);
  await page.getByLabel("Description", { exact: true }).fill("Should not be lost.");
  await page.getByRole("button", { name: "Create event" }).click();

  await expect(page.locator("form").getByRole("alert")).toHaveText("That address is taken.");
  await expect(page.getByText(`/e/${demo.eventSlug} is already in use; choose another.`)).toBeVisible();
  await expect(page).toHaveURL("/dashboard");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue(demo.eventSlug);
  await expect(page.getByLabel("Address", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Description", { exact: true })).toHaveValue("Should not be lost.");
  // Nothing was created: the demo editor still has just the demo event.
  await expect(page.getByRole("region", { name: "Your events" }).getByRole("listitem")).toHaveCount(1);
});

test("a malformed event address shows an error", async ({ page, signIn }) => {
  await signIn(demo);
  const title = `Malformed Address ${unique()}`;
  await page.goto("/dashboard");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Address", { exact: true }).fill("Bad Slug!");
  await page.getByRole("button", { name: "Create event" }).click();

  await expect(page.locator("form").getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(page.getByText("Use lowercase letters, digits and single dashes.")).toBeVisible();
  await expect(page.getByLabel("Address", { exact: true })).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Address", { exact: true })).toHaveValue("Bad Slug!");
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue(title);
  await expect(page).toHaveURL("/dashboard");
  // Nothing was created: the demo editor still has just the demo event.
  await expect(page.getByRole("region", { name: "Your events" }).getByRole("listitem")).toHaveCount(1);
});

test("HTML and javascript: links in a post render as harmless text", async ({ editorPage: page, browser }) => {
  const slug = await createEvent(page, `Hostile Markdown ${unique()}`);
  const hostile = [
    "<script>window.__xss=1</script>",
    "",
    '<img src=x onerror="window.__xss=1">',
    "",
    "[click](javascript:window.__xss=1)",
  ].join("\n");

  // One reader is on the page when the post arrives live (client-side rendering)...
  const reader = await browser.newPage();
  const dialogs: string[] = [];
  reader.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  await page.getByLabel("Post", { exact: true }).fill(hostile);
  await page.getByRole("button", { name: "Publish" }).click();
  await expect(page.getByText("Published.")).toBeVisible();

  const check = async (target: typeof page, where: string) => {
    const post = updates(target).posts.first();
    await expect(post, where).toContainText("<script>window.__xss=1</script>");
    await expect(post, where).toContainText("<img src=x onerror=");
    await expect(post, where).toContainText("[click](javascript:window.__xss=1)");
    await expect(post.locator("script, img, iframe, [onerror]"), where).toHaveCount(0);
    await expect(post.locator('[href^="javascript:" i]'), where).toHaveCount(0);
    // Links that remain in the post's text (if any) go nowhere dangerous.
    for (const href of await post
      .locator(".post-body a")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))) {
      expect(href, where).toMatch(/^(https?:|mailto:)/);
    }
    expect(await target.evaluate(() => (window as unknown as { __xss?: unknown }).__xss), where).toBeUndefined();
  };

  await expect(updates(reader).posts).toHaveCount(1, { timeout: 5_000 });
  await check(reader, "reader, live");
  await check(page, "console");
  // ...and one opens it afterwards (server-side rendering).
  await reader.reload();
  await expect(updates(reader).posts).toHaveCount(1);
  await check(reader, "reader, reloaded");
  // Clicking what looks like the link does nothing either.
  await updates(reader).posts.first().getByText("click", { exact: false }).first().click();
  expect(await reader.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await reader.close();
});

test("an unknown event address shows the not-found page with HTTP 404", async ({ page }) => {
  const response = await page.goto("/e/no-such-event");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such event" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See what is live now" })).toBeVisible();

  // A malformed address as well.
  const malformed = await page.goto("/e/Bad%20Slug!");
  expect(malformed?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No such event" })).toBeVisible();

  // An address no route matches: a whole page of its own, in a language, with a way home.
  const nowhere = await page.goto("/no/such/page");
  expect(nowhere?.status()).toBe(404);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("link", { name: "See what is live now" })).toHaveAttribute("href", "/");
});

test("the stream of an unknown event answers 404", async ({ request }) => {
  const response = await request.get("/api/events/no-such-event/stream");
  expect(response.status()).toBe(404);
  expect(await response.text()).toBe("No such event.");

  // While a real event's stream is an event stream.
  const live = await request.get(`/api/events/${demo.eventSlug}/stream?lastEventId=999999`);
  expect(live.status()).toBe(200);
  expect(live.headers()["content-type"]).toContain("text/event-stream");
});
