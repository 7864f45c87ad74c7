import { createEvent, expect, publishViaUi, test, unique, updates } from "./fixtures";

// Issue #21: a quote with its attribution, and a long post folded behind "Read more",
// reaching a reader already on the page, and working with JavaScript off.
test("a quote and a folded post reach a reader live, and the fold works without JavaScript", async ({
  editorPage: editor,
  newPerson,
}) => {
  const slug = await createEvent(editor, `Cup final ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  const feed = updates(reader);
  await expect(feed.badge).toHaveText("Live");

  // The quote: its words in a blockquote, who said them in a <cite>.
  await editor.getByLabel("Kind", { exact: true }).selectOption("quote");
  await editor.getByLabel("Quote by (for a quote)", { exact: true }).fill("The <coach>");
  await publishViaUi(editor, "We will **win**.");
  await expect(feed.posts).toHaveCount(1, { timeout: 5_000 });
  const quote = feed.posts.first().locator("blockquote");
  await expect(quote.locator("p")).toHaveText("We will win.");
  await expect(quote.locator("footer cite")).toHaveText("The <coach>");

  // The long post: the lead shows, the rest opens with "Read more".
  await publishViaUi(editor, "The lead paragraph.\n---more---\nThe whole **match report**.");
  await expect(feed.posts).toHaveCount(2, { timeout: 5_000 });
  const long = feed.posts.first();
  await expect(long).toContainText("The lead paragraph.");
  await expect(long.getByText("The whole match report.")).toBeHidden();
  await long.getByText("Read more").click();
  await expect(long.getByText("The whole match report.")).toBeVisible();
  await expect(long.getByText("Read more")).toBeHidden();

  // Without JavaScript: the page and the embed, folded, and open on a click.
  for (const path of [`/e/${slug}`, `/embed/${slug}`]) {
    const noScript = await newPerson({ javaScriptEnabled: false });
    await noScript.goto(path);
    const post = noScript.getByRole("article").filter({ hasText: "The lead paragraph." });
    await expect(post.getByText("The whole match report.")).toBeHidden();
    await post.getByText("Read more").click();
    await expect(post.getByText("The whole match report.")).toBeVisible();
    await expect(noScript.locator("blockquote footer cite")).toHaveText("The <coach>");
  }

  // Its permalink (the time link) shows it whole.
  const href = await long.locator("header a").first().getAttribute("href");
  expect(href).toMatch(new RegExp(`^/e/${slug}/p/`));
  const permalink = await newPerson({ javaScriptEnabled: false });
  await permalink.goto(href!);
  const whole = permalink.getByRole("article").filter({ hasText: "The lead paragraph." }).first();
  await expect(whole.getByText("The whole match report.")).toBeVisible();
  await expect(whole.getByText("Read more")).toBeHidden();
});
