import { expect, publishViaUi, test, unique } from "./fixtures";

// A newsroom covers an event for German readers, then for Arabic ones: the reader's page,
// the embed, the feed and the structured data follow the event's language; Arabic reads
// right to left. The newsroom stays in English.

test("an event's readers get its language: page, embed, feed, JSON-LD, and Arabic right to left", async ({
  editorPage: desk,
  newPerson,
  request,
}) => {
  const title = `Bundestag ${unique()}`;
  await desk.goto("/dashboard");
  await desk.getByLabel("Title", { exact: true }).fill(title);
  await desk.getByLabel("Readers' language").selectOption("de");
  await desk.getByRole("button", { name: "Create event" }).click();
  await expect(desk.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const slug = new URL(desk.url()).pathname.split("/").pop()!;
  await publishViaUi(
    desk,
    "Die Sitzung ist eröffnet.\n\n---more---\n\nDie Tagesordnung hat zwölf Punkte.",
    "Eröffnung",
  );

  const reader = await newPerson({ viewport: { width: 1280, height: 900 } });
  await reader.goto(`/e/${slug}`);
  await expect(reader.locator("html")).toHaveAttribute("lang", "de");
  await expect(reader.locator("html")).toHaveAttribute("dir", "ltr");
  const feed = reader.getByRole("region", { name: "Aktuelles" });
  await expect(feed.getByRole("status")).toHaveText("Live");
  await expect(feed.getByRole("button", { name: "Neueste zuerst" })).toBeVisible();
  await expect(feed.getByRole("article")).toHaveCount(1);
  await expect(feed.getByText("Weiterlesen")).toBeVisible();
  await expect(reader.getByRole("navigation", { name: "Wichtige Ereignisse" }).first()).toBeAttached();
  // Relative times through Intl, in German ("jetzt", "vor 1 Min.").
  await expect(feed.getByRole("article").locator("time").first()).toHaveText(/jetzt|vor \d+ Min\./);

  // A post published while the reader watches arrives, announced in German.
  await publishViaUi(desk, "Erste Abstimmung: angenommen.");
  await expect(feed.getByRole("article")).toHaveCount(2);
  await expect(reader.locator('[aria-live="polite"]').filter({ hasText: "Neuer Beitrag" })).toBeAttached();

  // The JSON-LD, the feed and the embed say the same.
  const ld = JSON.parse((await reader.locator('script[type="application/ld+json"]').textContent())!);
  expect(ld.inLanguage).toBe("de");
  const atom = await (await request.get(`/e/${slug}/feed.xml`)).text();
  expect(atom).toContain('xml:lang="de"');
  const embed = await newPerson();
  await embed.goto(`/embed/${slug}`);
  await expect(embed.locator("html")).toHaveAttribute("lang", "de");
  await expect(embed.getByRole("heading", { name: "Aktuelles" })).toBeVisible();

  // The newsroom is still English; the owner switches the readers to Arabic.
  await expect(desk.getByRole("heading", { name: "Updates" })).toBeVisible();
  await desk.getByText("Event settings").click();
  await desk.getByLabel("Readers' language").selectOption("ar");
  await desk.getByRole("button", { name: "Save settings" }).click();
  await expect(desk.getByText("Saved.")).toBeVisible();
  await desk.reload(); // one form's status at a time for publishViaUi
  await publishViaUi(desk, "وافق البرلمان على الميزانية بأغلبية **كبيرة**.", "التصويت على الميزانية");

  await reader.reload();
  await expect(reader.locator("html")).toHaveAttribute("lang", "ar");
  await expect(reader.locator("html")).toHaveAttribute("dir", "rtl");
  const arabic = reader.getByRole("region", { name: "التحديثات" });
  await expect(arabic.getByRole("article")).toHaveCount(3);
  await expect(arabic.getByText("اقرأ المزيد")).toBeVisible();
  // Right to left: the key events column sits left of the updates, the reverse of English.
  const main = await reader.locator("main#main").boundingBox();
  const timeline = await reader.getByRole("navigation", { name: "أبرز الأحداث" }).last().boundingBox();
  expect(timeline!.x + timeline!.width).toBeLessThanOrEqual(main!.x);
  // For docs/ (SCREENSHOTS=1, as e2e/screenshots.spec.ts).
  if (process.env.SCREENSHOTS) await reader.screenshot({ path: "docs/screenshots/reader-rtl.png" });
});
