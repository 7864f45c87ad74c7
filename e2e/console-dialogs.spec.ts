import { createEvent, expect, publishViaUi, test, unique, updates } from "./fixtures";
import { eventWithPosts, publishViaApi } from "./reader-helpers";

// Marking a key event and deleting a post ask in the page's own dialogs (not window.prompt
// or window.confirm): labelled, Escape and Cancel close them, and focus returns to the button.

test("the key-event dialog asks for a label; Escape cancels and focus returns", async ({ editorPage: desk }) => {
  const nativeDialogs: string[] = [];
  desk.on("dialog", (dialog) => {
    nativeDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await createEvent(desk, `Dialogs ${unique()}`);
  await publishViaUi(desk, "Kick-off in Lisbon.");
  const post = updates(desk).posts.filter({ hasText: "Kick-off in Lisbon." });
  const mark = post.getByRole("button", { name: "Mark key event" });

  await mark.click();
  const dialog = desk.getByRole("dialog", { name: "Mark as a key event" });
  const label = dialog.getByLabel("Key event label");
  await expect(label).toBeFocused();
  await label.fill("Not this one");
  await desk.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(mark).toBeFocused();

  // Cancel does the same; nothing was marked.
  await desk.keyboard.press("Enter");
  await expect(label).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(mark).toBeFocused();
  await expect(post).not.toContainText("Key event:");

  // Enter in the field marks it.
  await mark.click();
  await label.fill("Kick-off");
  await label.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(post).toContainText("Key event: Kick-off");
  const unmark = post.getByRole("button", { name: "Unmark key event" });
  await expect(unmark).toBeFocused();
  expect(nativeDialogs).toEqual([]);
});

test("deleting a post asks first; Cancel keeps it, Delete removes it", async ({ editorPage: desk, newPerson }) => {
  const nativeDialogs: string[] = [];
  desk.on("dialog", (dialog) => {
    nativeDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const slug = await createEvent(desk, `Delete ${unique()}`);
  await publishViaUi(desk, "Keep this one.");
  await publishViaUi(desk, "A mistake.");
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).posts).toHaveCount(2);

  const mistake = updates(desk).posts.filter({ hasText: "A mistake." });
  const remove = mistake.getByRole("button", { name: "Delete" });
  await remove.click();
  const dialog = desk.getByRole("dialog", { name: "Delete this post for every reader?" });
  // The safe choice has the focus.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await desk.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();
  await expect(updates(desk).posts).toHaveCount(2);

  await remove.click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(updates(reader).posts).toHaveCount(1);
  await expect(updates(reader).posts.first()).toContainText("Keep this one.");
  await expect(updates(desk).posts).toHaveCount(1);
  expect(nativeDialogs).toEqual([]);
});

test("every other confirmation in the console is a dialog too, never window.confirm", async ({ editorPage: desk }) => {
  const nativeDialogs: string[] = [];
  desk.on("dialog", (dialog) => {
    nativeDialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await createEvent(desk, `More dialogs ${unique()}`);

  // Revoking an API token: Cancel keeps it, Revoke revokes it.
  await desk.getByLabel("Token name", { exact: true }).fill("Score bot");
  await desk.getByRole("button", { name: "Create token" }).click();
  const revoke = desk.getByRole("button", { name: "Revoke", exact: true });
  await revoke.click();
  const revoking = desk.getByRole("dialog", { name: "Revoke “Score bot”?" });
  await expect(revoking).toContainText("Anything using it stops publishing at once.");
  await revoking.getByRole("button", { name: "Cancel" }).click();
  await expect(revoking).toHaveCount(0);
  await expect(revoke).toBeFocused();
  await revoke.click();
  await revoking.getByRole("button", { name: "Revoke" }).click();
  await expect(desk.getByText(/^Revoked /)).toBeVisible();

  // Deleting a draft from the kept-back list.
  await desk.getByLabel("Post", { exact: true }).fill("A draft to throw away.");
  await desk.getByRole("button", { name: "Save as draft" }).click();
  const kept = desk.getByRole("region", { name: "Drafts and scheduled posts" });
  await kept.getByRole("button", { name: "Delete" }).click();
  const deleting = desk.getByRole("dialog", { name: "Delete this post?" });
  await deleting.getByRole("button", { name: "Delete" }).click();
  await expect(kept).toHaveCount(0);

  // Ending the coverage.
  await desk.getByRole("button", { name: "End event" }).click();
  const ending = desk.getByRole("dialog", { name: "End the coverage?" });
  await desk.keyboard.press("Escape");
  await expect(ending).toHaveCount(0);
  await expect(desk.getByRole("button", { name: "End event" })).toBeVisible();

  expect(nativeDialogs).toEqual([]);
});

test("a desk change elsewhere keeps an open dialog and an edit being typed", async ({
  editorPage: desk,
  request,
  newPerson,
}) => {
  const { slug, token } = await eventWithPosts(desk, request, 2, "Desk change");
  await desk.reload();
  await expect(updates(desk).posts).toHaveCount(2);
  await desk
    .getByRole("region", { name: "Reader questions" })
    .getByRole("button", { name: "Take reader questions" })
    .click();
  await expect(desk.getByText("Readers can send questions.")).toBeVisible();

  // One post is being edited, another is being marked, when the desk changes: a post
  // published through the API (a new sequence the page has not rendered), then a reader's
  // question, which makes the console fetch its queues again.
  const first = updates(desk).posts.filter({ hasText: /Update 1[.,]/ });
  await first.getByRole("button", { name: "Edit" }).click();
  const edit = desk.getByRole("form", { name: "Edit post" });
  await edit.getByLabel("Post", { exact: true }).fill("Update 1, corrected while the desk moves.");
  const second = updates(desk).posts.filter({ hasText: "Update 2." });
  await second.getByRole("button", { name: "Mark key event" }).click();
  const dialog = desk.getByRole("dialog", { name: "Mark as a key event" });
  await dialog.getByLabel("Key event label").fill("Half-typed");

  await publishViaApi(request, slug, token, "Update 3, from the wire.");
  await expect(updates(desk).posts.filter({ hasText: "Update 3, from the wire." })).toHaveCount(1);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await reader.getByText("Ask the desk a question").click();
  await reader.getByLabel("Your question").fill("Is the count on time?");
  await reader.getByRole("button", { name: "Send question" }).click();
  await expect(reader.getByText("Thank you: the desk has your question.")).toBeVisible();
  await expect(desk.getByRole("region", { name: "Reader questions" })).toContainText("Is the count on time?");

  await expect(dialog.getByLabel("Key event label")).toHaveValue("Half-typed");
  await dialog.getByRole("button", { name: "Mark" }).click();
  await expect(second).toContainText("Key event: Half-typed");
  await expect(edit.getByLabel("Post", { exact: true })).toHaveValue("Update 1, corrected while the desk moves.");
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toHaveCount(0);
  await expect(first).toContainText("Update 1, corrected while the desk moves.");
});
