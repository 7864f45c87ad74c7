import { createEvent, expect, publishViaUi, signInViaApi, test, unique, updates } from "./fixtures";

// Two editors edit the same post; the second to save is not overwritten silently, nor told
// only to reload: the form shows the other version and loads it, and keeps their own text.

test("an edit conflict shows the other version, loads it, and keeps your own text", async ({
  editorPage: first,
  editor,
  newPerson,
}) => {
  const slug = await createEvent(first, `Conflict ${unique()}`);
  await publishViaUi(first, "Score: 1–0.");
  const second = await newPerson();
  await signInViaApi(second.request, editor);
  await second.goto(`/dashboard/events/${slug}`);

  const post = (page: typeof first) => updates(page).posts.filter({ hasText: /Score/ });
  for (const page of [first, second]) await post(page).getByRole("button", { name: "Edit" }).click();
  const form = (page: typeof first) => page.getByRole("form", { name: "Edit post" });

  await form(second).getByLabel("Post", { exact: true }).fill("Score: 2–0.");
  await form(second).getByRole("button", { name: "Save" }).click();
  await expect(updates(first).posts.first()).toContainText("Score: 2–0.");

  await form(first).getByLabel("Post", { exact: true }).fill("Score: 1–1.");
  await form(first).getByRole("button", { name: "Save" }).click();
  const alert = form(first).getByRole("alert");
  await expect(alert).toContainText("Someone else saved this post while you were editing.");
  await expect(alert.getByLabel("Their version")).toHaveText("Score: 2–0.");
  await alert.getByRole("button", { name: "Load their version" }).click();
  await expect(form(first).getByLabel("Post", { exact: true })).toHaveValue("Score: 2–0.");
  await form(first).getByText("Your text").click();
  await expect(form(first).getByLabel("Your text")).toHaveText("Score: 1–1.");

  await form(first).getByLabel("Post", { exact: true }).fill("Score: 2–1.");
  await form(first).getByRole("button", { name: "Save" }).click();
  await expect(form(first)).toHaveCount(0);
  await expect(updates(second).posts.first()).toContainText("Score: 2–1.");
});
