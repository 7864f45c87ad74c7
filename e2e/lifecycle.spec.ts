import {
  endEventViaUi,
  createEvent,
  expect,
  markDocument,
  markKeyEvent,
  publishViaUi,
  test,
  unique,
  updates,
} from "./fixtures";

// The desk moves an event through its life; readers see each step.

test("a draft is the team's alone until it goes live", async ({ editorPage: desk, newPerson }) => {
  await desk.goto("/dashboard");
  const title = `Election night ${unique()}`;
  await desk.getByLabel("Title", { exact: true }).fill(title);
  await desk.getByLabel(/Start as a draft/).check();
  await desk.getByRole("button", { name: "Create event" }).click();
  await expect(desk.getByTestId("event-status")).toHaveText("draft");
  const slug = new URL(desk.url()).pathname.split("/").pop()!;
  await publishViaUi(desk, "Polls open at seven.");

  const reader = await newPerson();
  const before = await reader.goto(`/e/${slug}`);
  expect(before?.status()).toBe(404);
  await expect(reader.getByRole("heading", { name: "No such event" })).toBeVisible();
  expect((await reader.request.get(`/api/events/${slug}/stream`)).status()).toBe(404);

  await desk.getByRole("button", { name: "Go live" }).click();
  await expect(desk.getByTestId("event-status")).toHaveText("live");
  const after = await reader.goto(`/e/${slug}`);
  expect(after?.status()).toBe(200);
  await expect(reader.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(updates(reader).posts.filter({ hasText: "Polls open at seven." })).toHaveCount(1);
  await expect(updates(reader).badge).toHaveText("Live");
});

test("an ended event can be reopened, and readers get it live again", async ({ editorPage: desk, newPerson }) => {
  const slug = await createEvent(desk, `Extra time ${unique()}`);
  await endEventViaUi(desk);
  await expect(desk.getByText("This coverage has ended.")).toBeVisible();
  await desk.getByRole("button", { name: "Reopen coverage" }).click();
  await expect(desk.getByTestId("event-status")).toHaveText("live");

  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");
  await publishViaUi(desk, "Penalties!");
  await expect(updates(reader).posts.filter({ hasText: "Penalties!" })).toHaveCount(1);
});

test("pinning and key events reach readers live; the pinned post stays on top", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEvent(desk, `Cup final ${unique()}`);
  await publishViaUi(desk, "Team sheets are in.");
  await publishViaUi(desk, "Kick-off!");
  await publishViaUi(desk, "Early chance, wide.");

  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");
  const same = await markDocument(reader);

  const feed = updates(desk).posts;
  await feed.filter({ hasText: "Team sheets are in." }).getByRole("button", { name: "Pin" }).click();
  await expect(updates(reader).posts.first()).toContainText("Team sheets are in.");
  await expect(updates(reader).posts.first()).toContainText("Pinned");

  await markKeyEvent(desk, feed.filter({ hasText: "Kick-off!" }), "Kick-off");
  await expect(updates(reader).posts.filter({ hasText: "Kick-off!" })).toContainText("Key event: Kick-off");

  // A newer post arrives below the pinned one.
  await publishViaUi(desk, "Goal!");
  await expect(updates(reader).posts.nth(1)).toContainText("Goal!");
  await expect(updates(reader).posts.first()).toContainText("Team sheets are in.");
  await same();
});

test("the owner renames the event in its settings", async ({ editorPage: desk, newPerson }) => {
  const slug = await createEvent(desk, `Budget day ${unique()}`);
  await desk.getByText("Event settings").click();
  await desk.getByLabel("Title", { exact: true }).fill("Budget day: live");
  // A zone is chosen from a list; a made-up one sent anyway is refused (lib/events tests).
  await desk.getByLabel("Time zone").selectOption("Europe/London");
  await desk.getByRole("button", { name: "Save settings" }).click();
  await expect(desk.getByText("Saved.")).toBeVisible();

  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(reader.getByRole("heading", { level: 1, name: "Budget day: live" })).toBeVisible();
});
