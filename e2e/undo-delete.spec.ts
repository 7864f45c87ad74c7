import { createEvent, deletePost, expect, publishViaUi, test, unique, updates } from "./fixtures";

// A delete can be undone from the console for a while; readers see the post vanish and
// come back, live.
test("an editor undoes a delete and the reader gets the post back", async ({ editorPage: desk, newPerson }) => {
  test.setTimeout(180_000);
  const slug = await createEvent(desk, `Undo ${unique()}`);
  await publishViaUi(desk, "Keep this one.");
  await publishViaUi(desk, "Deleted by mistake.");
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).posts).toHaveCount(2, { timeout: 30_000 });

  await deletePost(desk, updates(desk).posts.filter({ hasText: "Deleted by mistake." }));
  await expect(updates(reader).posts).toHaveCount(1, { timeout: 30_000 });

  const toast = desk.getByRole("status").filter({ hasText: "Post deleted." });
  await expect(toast).toBeVisible();
  await toast.getByRole("button", { name: "Undo" }).click();
  await expect(toast).toHaveCount(0, { timeout: 30_000 });

  await expect(updates(reader).posts).toHaveCount(2, { timeout: 30_000 });
  await expect(updates(reader).posts.filter({ hasText: "Deleted by mistake." })).toHaveCount(1);
  // Back in its place: it is still the newer of the two.
  await expect(updates(reader).posts.first()).toContainText("Deleted by mistake.");
  await expect(updates(desk).posts.filter({ hasText: "Deleted by mistake." })).toHaveCount(1, { timeout: 30_000 });
});
