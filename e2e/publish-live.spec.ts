import { createEventViaUi, expect, newAccount, signUpViaUi, test, unique, updates } from "./fixtures";

// The product's core promise: an editor publishes, every open reader page shows the post
// within seconds, without a reload.
test("an editor publishes and a reader already on the page sees it live", async ({ browser }) => {
  // Editor: a brand-new account in its own browser context.
  const editorContext = await browser.newContext();
  const editor = await editorContext.newPage();
  await signUpViaUi(editor, newAccount());

  const id = unique();
  const title = `Press Conference ${id}`;
  const slug = await createEventViaUi(editor, title);
  expect(slug, "address derived from the title").toBe(`press-conference-${id}`);
  await expect(editor).toHaveURL(`/dashboard/events/${slug}`);
  await expect(editor.getByRole("link", { name: `/e/${slug}` })).toBeVisible();
  await expect(updates(editor).empty).toBeVisible();
  // The console must not reload either: a reload would throw away what the editor typed.
  const editorLoads: string[] = [];
  editor.on("load", () => editorLoads.push(editor.url()));

  // Reader: a second, anonymous context, on the event page before anything is published.
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const navigations: string[] = [];
  const errors: string[] = [];
  reader.on("pageerror", (error) => errors.push(error.message));
  reader.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  reader.on("framenavigated", (frame) => {
    if (frame === reader.mainFrame()) navigations.push(frame.url());
  });
  await reader.goto(`/e/${slug}`);
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const feed = updates(reader);
  await expect(feed.empty).toBeVisible();
  await expect(feed.badge).toHaveText("Live");
  // Survives only as long as this document does: a reload or navigation would drop it.
  await reader.evaluate(() => ((window as unknown as { __sameDocument: string }).__sameDocument = "still here"));
  navigations.length = 0;

  // The editor publishes two Markdown posts, one after the other.
  const publish = async (headline: string, body: string) => {
    if (headline) await editor.getByLabel("Headline (optional)", { exact: true }).fill(headline);
    await editor.getByLabel("Post", { exact: true }).fill(body);
    await editor.getByRole("button", { name: "Publish" }).click();
    await expect(editor.locator("form").getByRole("status")).toHaveText("Published.");
    // The composer is cleared, ready for the next post.
    await expect(editor.getByLabel("Post", { exact: true })).toHaveValue("");
    await expect(editor.getByLabel("Headline (optional)", { exact: true })).toHaveValue("");
  };
  await publish("", "Doors open. **Bold claim** and a [link](https://example.com/first).");

  // The post shows in the console...
  const consoleFeed = updates(editor);
  await expect(consoleFeed.posts).toHaveCount(1);
  await expect(consoleFeed.posts.first()).toContainText("Doors open. Bold claim and a link.");
  // ...and in the reader's page, within seconds, without a reload.
  await expect(feed.posts).toHaveCount(1, { timeout: 5_000 });
  const first = feed.posts.first();
  await expect(first).toContainText("Doors open. Bold claim and a link.");
  await expect(first.locator("strong")).toHaveText("Bold claim"); // rendered, not raw Markdown
  await expect(first.getByRole("link", { name: "link" })).toHaveAttribute("href", "https://example.com/first");
  await expect(first).not.toContainText("**");

  // A second post lands above the first.
  await publish("Keynote begins", "The _lights_ go down.");
  await expect(consoleFeed.posts).toHaveCount(2);
  await expect(consoleFeed.posts.first()).toContainText("Keynote begins");
  await expect(feed.posts).toHaveCount(2, { timeout: 5_000 });
  await expect(feed.posts.first().getByRole("heading", { name: "Keynote begins" })).toBeVisible();
  await expect(feed.posts.first().locator("em")).toHaveText("lights");
  await expect(feed.posts.nth(1)).toContainText("Doors open.");

  // Same document all along, still connected.
  expect(await reader.evaluate(() => (window as unknown as { __sameDocument?: string }).__sameDocument)).toBe(
    "still here",
  );
  expect(navigations, "the reader page never navigated").toEqual([]);
  expect(editorLoads, "the console never reloaded").toEqual([]);
  await expect(feed.badge).toHaveText("Live");
  await expect(feed.empty).toHaveCount(0);
  expect(errors, "no errors in the reader's page (hydration included)").toEqual([]);

  // After a reload, the posts come from the server, newest first.
  await reader.reload();
  await expect(feed.posts).toHaveCount(2);
  await expect(feed.posts.first()).toContainText("Keynote begins");
  await expect(feed.posts.nth(1)).toContainText("Doors open.");
  await expect(feed.badge).toHaveText("Live");

  // A reader without JavaScript gets the same posts in the server-rendered HTML.
  const noJsContext = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await noJsContext.newPage();
  const response = await noJs.goto(`/e/${slug}`);
  expect(response?.status()).toBe(200);
  await expect(noJs.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const staticFeed = updates(noJs);
  await expect(staticFeed.posts).toHaveCount(2);
  await expect(staticFeed.posts.first()).toContainText("Keynote begins");
  await expect(staticFeed.posts.nth(1).locator("strong")).toHaveText("Bold claim");

  await Promise.all([editorContext.close(), readerContext.close(), noJsContext.close()]);
});
