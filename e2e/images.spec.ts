import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createEvent, expect, markDocument, test, unique, updates } from "./fixtures";

// Images as a newsroom uses them: described on upload, captioned and credited in a <figure>,
// reused from the event's media shelf, and an undescribed one caught before it publishes.

/** A real 1×1 PNG, so the browser can decode what the server stored. */
const pixel = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** Chooses the pixel through "Add image", as a person would; answers the dialog that asks about it. */
async function addImage(desk: Page, details: { alt?: string; caption?: string; credit?: string }, audit = false) {
  const chooser = desk.waitForEvent("filechooser");
  await desk.getByRole("button", { name: "Add image" }).click();
  await (await chooser).setFiles({ name: "pier.png", mimeType: "image/png", buffer: pixel });
  const dialog = desk.getByRole("dialog", { name: "Describe the image" });
  await expect(dialog).toBeVisible();
  if (audit) {
    const { violations } = await new AxeBuilder({ page: desk })
      .include("dialog[open]")
      .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
  if (details.alt) await dialog.getByLabel("Description (alt text)").fill(details.alt);
  if (details.caption) await dialog.getByLabel("Caption (optional)").fill(details.caption);
  if (details.credit) await dialog.getByLabel("Credit (optional)").fill(details.credit);
  await dialog.getByRole("button", { name: "Upload and insert" }).click();
  await expect(dialog).toHaveCount(0);
  // Inserted once uploaded: the image's Markdown is in the post.
  await expect(desk.getByLabel("Post", { exact: true })).toHaveValue(/!\[[^\]]*\]\(\/api\/uploads\/[^)]+\.png/, {
    timeout: 30_000,
  });
}

async function publish(desk: Page) {
  await desk.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(desk.locator("form").getByRole("status")).toHaveText("Published.", { timeout: 30_000 });
  await expect(desk.getByLabel("Post", { exact: true })).toHaveValue("");
}

test("an editor describes, captions and reuses an image; an undescribed one asks first", async ({
  editorPage: desk,
  newPerson,
}) => {
  test.setTimeout(240_000);
  const slug = await createEvent(desk, `Images ${unique()}`);
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).empty).toBeVisible({ timeout: 30_000 });
  const sameDocument = await markDocument(reader);

  // Upload: the dialog asks for the description, caption and credit; the Markdown carries them.
  await desk.getByLabel("Post", { exact: true }).fill("The fire at pier 4.");
  await addImage(desk, { alt: "Smoke rising over the docks", caption: "Pier 4 at noon", credit: "Ana Ruiz" }, true);
  await expect(desk.getByLabel("Post", { exact: true })).toHaveValue(
    /!\[Smoke rising over the docks\]\(\/api\/uploads\/\S+ "Pier 4 at noon — Photo: Ana Ruiz"\)/,
  );
  await publish(desk);

  // The reader, live: a figure with the image's description and its caption and credit.
  const figure = updates(reader).posts.first().locator("figure");
  await expect(figure).toHaveCount(1, { timeout: 30_000 });
  await expect(figure.getByRole("img", { name: "Smoke rising over the docks" })).toBeVisible();
  // Its stored size is in the markup, so its box is kept before it loads.
  await expect(figure.locator("img")).toHaveAttribute("width", "1");
  await expect(figure.locator("img")).toHaveAttribute("height", "1");
  await expect(figure.locator("figcaption")).toHaveText("Pier 4 at noon Photo: Ana Ruiz");
  await expect(figure.locator("figcaption .credit")).toHaveText("Photo: Ana Ruiz");

  // The media shelf: the same image, chosen by its description, comes with its caption and credit.
  await desk.getByLabel("Post", { exact: true }).fill("Later, from the same spot.");
  await desk.getByRole("button", { name: "Media", exact: true }).click();
  const shelf = desk.getByRole("dialog", { name: "Media for this event" });
  await shelf.getByRole("radio", { name: /Smoke rising over the docks/ }).check();
  await shelf.getByRole("button", { name: "Insert" }).click();
  await expect(shelf).toHaveCount(0);
  await expect(desk.getByLabel("Post", { exact: true })).toHaveValue(
    /Later, from the same spot\.\n\n!\[Smoke rising over the docks\]\(\/api\/uploads\/\S+ "Pier 4 at noon — Photo: Ana Ruiz"\)/,
  );
  await publish(desk);
  await expect(updates(reader).posts).toHaveCount(2, { timeout: 30_000 });
  await expect(updates(reader).posts.first().locator("figure figcaption")).toHaveText("Pier 4 at noon Photo: Ana Ruiz");

  // No description: publishing asks first. "Add a description" goes back with the text kept…
  await desk.getByLabel("Post", { exact: true }).fill("A picture nobody described.");
  await addImage(desk, {});
  await desk.getByRole("button", { name: "Publish", exact: true }).click();
  const warning = desk.getByRole("dialog", { name: "This image has no description" });
  await expect(warning).toBeVisible();
  await warning.getByRole("button", { name: "Add a description" }).click();
  await expect(warning).toHaveCount(0);
  await expect(desk.getByLabel("Post", { exact: true })).toBeFocused();
  await expect(desk.getByLabel("Post", { exact: true })).toHaveValue(/A picture nobody described\./);
  await expect(updates(desk).posts).toHaveCount(2);

  // …and "Publish anyway" publishes it as it is.
  await desk.getByRole("button", { name: "Publish", exact: true }).click();
  await warning.getByRole("button", { name: "Publish anyway" }).click();
  await expect(desk.locator("form").getByRole("status")).toHaveText("Published.", { timeout: 30_000 });
  await expect(updates(reader).posts).toHaveCount(3, { timeout: 30_000 });
  await expect(updates(reader).posts.first()).toContainText("A picture nobody described.");
  await expect(updates(reader).posts.first().locator("figure")).toHaveCount(0);

  // Saving an edit of it asks too; "Save anyway" saves.
  const undescribed = updates(desk).posts.filter({ hasText: "A picture nobody described." });
  await undescribed.getByRole("button", { name: "Edit" }).click();
  const edit = desk.getByRole("form", { name: "Edit post" });
  const text = await edit.getByLabel("Post").inputValue();
  await edit.getByLabel("Post").fill(text.replace("nobody described", "still undescribed"));
  await edit.getByRole("button", { name: "Save" }).click();
  const again = desk.getByRole("dialog", { name: "This image has no description" });
  await again.getByRole("button", { name: "Save anyway" }).click();
  await expect(edit).toHaveCount(0, { timeout: 30_000 });
  await expect(updates(reader).posts.first()).toContainText("A picture still undescribed.", { timeout: 30_000 });
  await sameDocument();
});
