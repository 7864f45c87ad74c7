import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { createEvent, expect, markDocument, publishViaUi, test, unique, updates } from "./fixtures";

// Issue #21: the "Key points" pinned at the top of a liveblog. The desk writes them in the
// console; a reader already on the page gets them live (no reload), a reader without
// JavaScript gets them from the server, and clearing them takes them away live.
const keyPoints = (page: Page) => page.getByRole("region", { name: "Key points" });

test("key points written in the console reach readers live and without JavaScript", async ({
  editorPage: desk,
  newPerson,
}) => {
  test.setTimeout(180_000);
  const slug = await createEvent(desk, `Election night ${unique()}`);
  await publishViaUi(desk, "Polls are open.");
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  await expect(updates(reader).badge).toHaveText("Live", { timeout: 30_000 });
  await expect(keyPoints(reader)).toHaveCount(0);
  const sameDocument = await markDocument(reader);

  const form = desk.getByRole("region", { name: "Key points" });
  await expect(form.getByText("Shown at the top of the page, above the updates.")).toBeVisible();
  await form.getByLabel("Key points (Markdown)").fill("- Polls close at **8pm**\n- Turnout is up <b>sharply</b>");
  await form.getByRole("button", { name: "Save key points" }).click();
  await expect(form.getByRole("status")).toHaveText("Key points saved.", { timeout: 30_000 });

  // Live, at the top: above the updates, a list of two, the raw HTML shown as text.
  const block = keyPoints(reader);
  await expect(block).toBeVisible({ timeout: 30_000 });
  await expect(block.getByRole("listitem")).toHaveText(["Polls close at 8pm", "Turnout is up <b>sharply</b>"]);
  await expect(block.locator("strong")).toHaveText("8pm");
  await expect(block.getByText(/^Updated /)).toBeVisible();
  const above = await block.evaluate(
    (aside, feed) => Boolean(aside.compareDocumentPosition(feed!) & Node.DOCUMENT_POSITION_FOLLOWING),
    await updates(reader).region.elementHandle(),
  );
  expect(above, "the key points come before the updates").toBe(true);
  await sameDocument();
  // The page with its key points passes axe, landmarks included (one run can take 45 s when busy).
  const axe = await new AxeBuilder({ page: reader })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // From the server, for a reader without JavaScript: the page and the embed.
  for (const path of [`/e/${slug}`, `/embed/${slug}`]) {
    const noScript = await newPerson({ javaScriptEnabled: false });
    await noScript.goto(path);
    await expect(keyPoints(noScript).getByRole("listitem")).toHaveText([
      "Polls close at 8pm",
      "Turnout is up <b>sharply</b>",
    ]);
  }

  // Cleared: the live reader's block goes away, still without a reload.
  await form.getByRole("button", { name: "Clear" }).click();
  await expect(form.getByRole("status")).toHaveText("Key points cleared.", { timeout: 30_000 });
  await expect(form.getByLabel("Key points (Markdown)")).toHaveValue("");
  await expect(keyPoints(reader)).toHaveCount(0, { timeout: 30_000 });
  await expect(updates(reader).posts).toHaveCount(1);
  await sameDocument();
});
