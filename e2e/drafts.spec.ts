import type { Page } from "@playwright/test";
import { createEvent, expect, newAccount, signUpViaApi, test, unique, updates } from "./fixtures";

// An editor prepares posts ahead: previews them, keeps drafts, schedules one.

test("preview, save a draft, publish it later; readers see only what is published", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEvent(desk, `Race day ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  // The buttons stay where they are while the preview appears and grows: a person about
  // to click Publish must not have it move from under the pointer.
  const publish = desk.getByRole("button", { name: "Publish", exact: true });
  const before = await publish.boundingBox();
  await desk.getByLabel("Post", { exact: true }).fill("Grid is **set**.\n\nFormation lap next.\n\n- Pole: car 44");
  const preview = desk.getByRole("region", { name: "Preview" });
  await expect(preview.locator("strong")).toHaveText("set");
  await expect(preview.getByRole("listitem")).toHaveText("Pole: car 44");
  expect(await publish.boundingBox()).toEqual(before);

  await desk.getByRole("button", { name: "Save as draft" }).click();
  await expect(desk.getByText("Saved as a draft.")).toBeVisible();
  const kept = desk.getByRole("region", { name: "Drafts and scheduled posts" });
  await expect(kept.getByText("Grid is")).toBeVisible();
  await expect(updates(reader).empty).toBeVisible();

  await kept.getByRole("button", { name: "Publish now" }).click();
  await expect(updates(reader).posts.filter({ hasText: "Grid is set." })).toHaveCount(1);
  await expect(kept).toHaveCount(0);
});

test("a scheduled post publishes itself at its time", async ({ editorPage: desk, newPerson }) => {
  test.setTimeout(150_000);
  const slug = await createEvent(desk, `Count-down ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live");

  await desk.getByLabel("Post", { exact: true }).fill("Lights out!");
  await desk.getByText("Schedule for later").click();
  await expect(desk.getByLabel("Publish at")).toBeVisible();
  // The next whole minute at least 15 s away (time enough for one fill and one click), as
  // the browser's datetime-local wants it: the wait for it is the test's longest part.
  const at = await desk.evaluate(() => {
    const d = new Date(Date.now() + 75_000);
    d.setSeconds(0, 0);
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  });
  await desk.getByLabel("Publish at").fill(at);
  await desk.getByRole("button", { name: "Schedule", exact: true }).click();
  await expect(desk.getByText("Scheduled.")).toBeVisible();
  await expect(desk.getByRole("region", { name: "Drafts and scheduled posts" })).toContainText("Scheduled for");
  await expect(updates(reader).empty).toBeVisible();

  await expect(updates(reader).posts.filter({ hasText: "Lights out!" })).toHaveCount(1, { timeout: 110_000 });
});

test("a draft is the desk's: a second editor edits it, the first sees it live and publishes it", async ({
  editorPage: first,
  newPerson,
}) => {
  const slug = await createEvent(first, `Shared drafts ${unique()}`);
  // A co-author joins as an editor by the invitation link.
  const team = first.getByRole("region", { name: "Team", exact: true });
  await team.getByLabel("Email", { exact: true }).fill(`co-${unique()}@e2e.herald.test`);
  await team.getByLabel("Role", { exact: true }).selectOption("EDITOR");
  await team.getByRole("button", { name: "Invite", exact: true }).click();
  const link = await team.getByLabel("Invitation link").inputValue();
  const second = await newPerson();
  await signUpViaApi(second.request, newAccount("co-author"));
  await second.goto(new URL(link).pathname);
  await second.getByRole("button", { name: "Accept" }).click();
  await expect(second).toHaveURL(new RegExp(`/dashboard/events/${slug}$`));

  await first.getByLabel("Post", { exact: true }).fill("Turnout: to come.");
  await first.getByRole("button", { name: "Save as draft" }).click();
  const keptBy = (page: Page) => page.getByRole("region", { name: "Drafts and scheduled posts" });
  await expect(keptBy(second).getByText("Turnout: to come.")).toBeVisible(); // live, no reload

  await keptBy(second).getByRole("button", { name: "Edit" }).click();
  await keptBy(second).getByLabel("Post", { exact: true }).fill("Turnout: **71%**, the highest since 1992.");
  await keptBy(second).getByRole("button", { name: "Save" }).click();
  await expect(keptBy(first).locator("strong")).toHaveText("71%"); // live, no reload

  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).empty).toBeVisible();
  await keptBy(first).getByRole("button", { name: "Publish now" }).click();
  await expect(updates(reader).posts.first()).toContainText("Turnout: 71%, the highest since 1992.");
});
