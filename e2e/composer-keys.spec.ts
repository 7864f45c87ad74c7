import { createEvent, expect, test, unique, updates } from "./fixtures";

// The composer's keyboard: Enter in the headline never publishes a half-written post;
// Ctrl+Enter (⌘+Enter on a Mac) in the post publishes it.

test("Enter in the headline moves on to the post and publishes nothing", async ({ editorPage: desk, newPerson }) => {
  const slug = await createEvent(desk, `Keys ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  const headline = desk.getByLabel("Headline (optional)", { exact: true });
  const body = desk.getByLabel("Post", { exact: true });
  await body.fill("The vote count in the third district is");
  await headline.fill("Third district");
  await headline.press("Enter");

  await expect(body).toBeFocused();
  await expect(headline).toHaveValue("Third district");
  await expect(body).toHaveValue("The vote count in the third district is");
  await expect(desk.locator("form").getByRole("status")).toHaveText("");

  // The editor finishes both, then publishes from the keyboard: one post, the finished one.
  await body.press("End");
  await body.pressSequentially(" 4,120 to 3,980.");
  await headline.press("End");
  await headline.pressSequentially(" too close to call");
  await headline.press("Enter");
  await body.press("Control+Enter");

  await expect(desk.locator("form").getByRole("status")).toHaveText("Published.");
  await expect(body).toHaveValue("");
  const posts = updates(reader).posts;
  await expect(posts).toHaveCount(1);
  await expect(posts.first()).toContainText("Third district too close to call");
  await expect(posts.first()).toContainText("The vote count in the third district is 4,120 to 3,980.");
  await expect(updates(desk).posts).toHaveCount(1);
});

test("Ctrl+Enter and ⌘+Enter in the post publish it", async ({ editorPage: desk, newPerson }) => {
  const slug = await createEvent(desk, `Shortcut ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  const body = desk.getByLabel("Post", { exact: true });
  await expect(desk.getByRole("button", { name: "Publish", exact: true })).toHaveAttribute(
    "aria-keyshortcuts",
    "Control+Enter Meta+Enter",
  );
  for (const [keys, text] of [
    ["Control+Enter", "Polls have closed."],
    ["Meta+Enter", "First results expected at ten."],
  ] as const) {
    await body.fill(text);
    await body.press(keys);
    await expect(desk.locator("form").getByRole("status")).toHaveText("Published.");
    await expect(body).toHaveValue("");
    await expect(updates(reader).posts.filter({ hasText: text })).toHaveCount(1);
  }
  await expect(updates(reader).posts).toHaveCount(2);
});
