import type { Page } from "@playwright/test";
import { xssCorpus } from "../test/xss-corpus";
import { createEvent, expect, pointAtEach, test, unique, updates } from "./fixtures";

// Readers ask the desk; only the desk sees it, until an editor answers in a post that
// quotes it. Every reader-facing step works in Chromium as a person uses it.

const questions = (page: Page) => page.getByRole("region", { name: "Reader questions" });

async function openQuestions(desk: Page) {
  await questions(desk).getByRole("button", { name: "Take reader questions" }).click();
  await expect(questions(desk).getByText("Readers can send questions.")).toBeVisible();
}

test("a reader asks, the desk answers in a post, every reader sees the answer", async ({
  editorPage: desk,
  newPerson,
}) => {
  const slug = await createEvent(desk, `Questions ${unique()}`);
  const reader = await newPerson();
  const other = await newPerson();
  for (const page of [reader, other]) {
    await page.goto(`/e/${slug}`);
    await expect(updates(page).badge).toHaveText("Live");
  }
  await expect(reader.getByText("Ask the desk a question")).toHaveCount(0);

  // Opening questions reaches open pages live.
  await openQuestions(desk);
  await reader.getByText("Ask the desk a question").click();
  await reader.getByLabel("Your question").fill("When will the first results come in?");
  await reader.getByLabel("Your name (optional)").fill("Ana from Leeds");
  await reader.getByRole("button", { name: "Send question" }).click();
  await expect(reader.getByText("Thank you: the desk has your question.")).toBeVisible();
  await expect(reader.getByLabel("Your question")).toHaveValue("");
  // Nobody else sees it.
  await expect(other.getByText("When will the first results come in?")).toHaveCount(0);

  // It reaches the desk without a reload.
  const question = questions(desk).getByRole("article", { name: "Question from Ana from Leeds" });
  await expect(question).toContainText("When will the first results come in?");
  await question.getByRole("button", { name: "Answer in a post" }).click();
  await question.getByLabel(/Your answer/).fill("Around **11 pm**, from the first two wards.");
  await question.getByRole("button", { name: "Publish answer" }).click();
  await expect(questions(desk).getByText("No questions waiting.")).toBeVisible();

  for (const page of [reader, other]) {
    const answer = updates(page).posts.first();
    await expect(answer.locator("blockquote")).toContainText("When will the first results come in?");
    await expect(answer.locator("blockquote")).toContainText("— Ana from Leeds");
    await expect(answer.locator("strong")).toHaveText("11 pm");
  }
});

test("a reader without JavaScript can ask, and is told it arrived", async ({ editorPage: desk, newPerson }) => {
  const slug = await createEvent(desk, `No-JS questions ${unique()}`);
  await openQuestions(desk);
  const reader = await newPerson({ javaScriptEnabled: false });
  await reader.goto(`/e/${slug}`);
  await reader.getByText("Ask the desk a question").click();
  await reader.getByLabel("Your question").fill("Is the count open to the public?");
  await reader.getByRole("button", { name: "Send question" }).click();
  await expect(reader.getByRole("heading", { name: "Thank you" })).toBeVisible();
  await reader.getByRole("link", { name: "Back to the coverage" }).click();
  await expect(reader).toHaveURL(new RegExp(`/e/${slug}$`));

  await expect(questions(desk).getByRole("article", { name: "Question from a reader" })).toContainText(
    "Is the count open to the public?",
  );
});

test("hostile questions are inert in the desk's queue and in the answer", async ({ editorPage: desk, newPerson }) => {
  test.slow();
  const slug = await createEvent(desk, `Hostile questions ${unique()}`);
  await openQuestions(desk);
  // Each payload its own question, as many as the corpus has (the e2e server lifts the rate limit).
  const sent: string[] = [];
  for (const payload of xssCorpus) {
    const body = payload.replace(/\u0000/g, "").slice(0, 500);
    if (body.trim().length < 3) continue;
    const response = await desk.request.post(`/api/events/${slug}/questions`, {
      data: { body, name: payload.slice(0, 60) },
      headers: { origin: new URL(desk.url()).origin },
    });
    expect(response.status(), payload).toBe(201);
    sent.push(body);
  }
  const dialogs: string[] = [];
  desk.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await desk.reload();
  const queue = questions(desk);
  await expect(queue.getByRole("article")).toHaveCount(sent.length);
  await expect(queue.locator("article script, article img, article iframe, article svg, article a")).toHaveCount(0);
  expect(await pointAtEach(queue.getByRole("article").locator("xpath=descendant-or-self::*"))).toBeGreaterThan(
    sent.length,
  );

  // Answer the first; a reader sees it quoted as text.
  await queue.getByRole("article").first().getByRole("button", { name: "Answer in a post" }).click();
  await queue.getByLabel(/Your answer/).fill("We do not know yet.");
  await queue.getByRole("button", { name: "Publish answer" }).click();
  const reader = await newPerson();
  await reader.goto(`/e/${slug}`);
  const answer = updates(reader).posts.first();
  await expect(answer).toContainText("We do not know yet.");
  await expect(answer.locator("blockquote script, blockquote img, blockquote iframe, blockquote a")).toHaveCount(0);
  const xss = await Promise.all(
    [desk, reader].map((page) => page.evaluate(() => (window as { __xss?: unknown }).__xss)),
  );
  expect(xss).toEqual([undefined, undefined]);
  expect(dialogs).toEqual([]);
});
