import { Parser } from "htmlparser2";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError, ValidationError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { renderMarkdown } from "@/lib/posts/render-markdown";
import { eventState, makeTeam, makeUser, unique, type TestUser } from "@/test/factories";
import { xssCorpus } from "@/test/xss-corpus";
import { answerQuestion, answerMarkdown } from "./answer-question";
import { discardQuestion } from "./decide-question";
import { listQuestions } from "./list-questions";
import { honeypotField } from "./question-input";
import { setQuestionsOpen } from "./set-questions-open";
import { submitQuestion } from "./submit-question";

let owner: TestUser;

beforeAll(async () => {
  owner = await makeUser();
});

/** A team's event with questions open, and an address of its own for the rate limits. */
async function openTeam() {
  const team = await makeTeam(owner);
  await setQuestionsOpen(owner, team.event.id, true);
  return { ...team, address: `203.0.113.${unique()}` };
}

const ask = (slug: string, body: string, address: string, name?: string) =>
  submitQuestion(slug, { body, name }, address);

describe("submitQuestion", () => {
  it("keeps a reader's question, cleaned and bounded, for the desk only", async () => {
    const { event, address } = await openTeam();
    const { id } = await ask(
      event.slug,
      "  When do\u0007 polls close?\u202e \r\n\r\n\r\n\r\nAnd where?  ",
      address,
      "  Ana\n  M.  ",
    );
    const row = await db.question.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ body: "When do polls close? \n\nAnd where?", name: "Ana M.", status: "PENDING" });
    // Readers see nothing of it: no change, no post.
    expect((await eventState(event.id)).changes.map((c) => c.type)).toEqual(["EVENT_UPDATED"]);
  });

  it("refuses bad input with what is wrong, and keeps nothing", async () => {
    const { event, address } = await openTeam();
    const cases: [Parameters<typeof submitQuestion>[1], string][] = [
      [{ body: "" }, "body"],
      [{ body: "  ?\u0000 " }, "body"],
      [{ body: "x".repeat(501) }, "body"],
      [{ body: "A fine question", name: "n".repeat(61) }, "name"],
      [{ body: 42 as unknown as string }, "body"],
      [{ body: "A fine question", [honeypotField]: "http://spam.example" }, honeypotField],
    ];
    for (const [input, field] of cases) {
      const error = await submitQuestion(event.slug, input, address).catch((e: unknown) => e);
      expect(error, JSON.stringify(input).slice(0, 60)).toBeInstanceOf(ValidationError);
      expect(Object.keys((error as ValidationError).fieldErrors ?? {})).toContain(field);
    }
    expect(await db.question.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("says why when the event takes no questions", async () => {
    const { event, address } = await openTeam();
    await expect(ask("no-such-event-here", "Is it on?", address)).rejects.toBeInstanceOf(NotFoundError);
    await setQuestionsOpen(owner, event.id, false);
    await expect(ask(event.slug, "Is it on?", address)).rejects.toThrow(/not taking questions/);
    await setQuestionsOpen(owner, event.id, true);
    await endEvent(owner, event.id);
    await expect(ask(event.slug, "Is it on?", address)).rejects.toBeInstanceOf(ConflictError);
    expect(await db.question.count({ where: { eventId: event.id } })).toBe(0);
  });

  it("takes five questions from an address per ten minutes, then says when to try again", async () => {
    const { event, address } = await openTeam();
    for (let n = 1; n <= 5; n++) await ask(event.slug, `Question ${n}?`, address);
    const refused = await ask(event.slug, "Question 6?", address).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    expect((refused as TooManyRequestsError).retryAfterSeconds).toBeGreaterThan(0);
    // Another address is another reader.
    await ask(event.slug, "Question from next door?", `${address}-2`);
    expect(await db.question.count({ where: { eventId: event.id } })).toBe(6);
  });
});

describe("the desk's queue", () => {
  it("lists waiting questions oldest first, to owners and editors only", async () => {
    const { event, editor, contributor, outsider, removed, address } = await openTeam();
    const first = await ask(event.slug, "First?", address);
    const second = await ask(event.slug, "Second?", address, "Bo");
    for (const desk of [owner, editor]) {
      const { questions, waiting } = await listQuestions(desk, event.id);
      expect(questions.map((q) => [q.id, q.name])).toEqual([
        [first.id, null],
        [second.id, "Bo"],
      ]);
      expect(waiting).toBe(2);
    }
    for (const other of [contributor, outsider, removed])
      await expect(listQuestions(other, event.id)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("discards a question once; nobody else may", async () => {
    const { event, contributor, outsider, editor, address } = await openTeam();
    const { id } = await ask(event.slug, "Discard me?", address);
    await expect(discardQuestion(contributor, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(discardQuestion(outsider, id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(discardQuestion(editor, "no-such-question")).rejects.toBeInstanceOf(NotFoundError);
    await discardQuestion(editor, id);
    await expect(discardQuestion(owner, id)).rejects.toBeInstanceOf(ConflictError);
    expect((await listQuestions(owner, event.id)).questions).toEqual([]);
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("DISCARDED");
  });
});

describe("answerQuestion", () => {
  it("publishes one post quoting the reader literally, and marks the question answered", async () => {
    const { event, editor, address } = await openTeam();
    const { id } = await ask(event.slug, "Is **this** [a link](https://evil.example)? <b>no</b>", address, "_Ana_");
    const { post, seq } = await answerQuestion(editor, id, { answer: "Yes, **it is**." });
    expect(post.html).toContain("<blockquote>");
    expect(post.html).toContain("Is **this** [a link](https://evil.example)? &lt;b&gt;no&lt;/b&gt;");
    expect(post.html).toContain("— _Ana_");
    expect(post.html).not.toContain("<a ");
    expect(post.html).toContain("Yes, <strong>it is</strong>.");
    const row = await db.question.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ status: "ANSWERED", answeredPostId: post.id });
    expect((await eventState(event.id)).changes.at(-1)).toMatchObject({ seq, type: "POST_PUBLISHED", postId: post.id });
  });

  it("answers a question once, even when two editors answer at the same moment", async () => {
    const { event, editor, address } = await openTeam();
    const { id } = await ask(event.slug, "Who answers first?", address);
    const results = await Promise.allSettled([
      answerQuestion(owner, id, { answer: "The owner." }),
      answerQuestion(editor, id, { answer: "The editor." }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect((await eventState(event.id)).posts).toBe(1);
  });

  it("lets only the desk answer, with an answer, and writes nothing otherwise", async () => {
    const { event, contributor, outsider, address } = await openTeam();
    const { id } = await ask(event.slug, "Who may answer?", address);
    await expect(answerQuestion(contributor, id, { answer: "Me" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(answerQuestion(outsider, id, { answer: "Me" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(answerQuestion(owner, id, { answer: "  " })).rejects.toBeInstanceOf(ValidationError);
    expect((await eventState(event.id)).posts).toBe(0);
    expect((await db.question.findUniqueOrThrow({ where: { id } })).status).toBe("PENDING");
  });

  it("quotes every hostile question inertly: only quote and paragraph markup, no attributes", () => {
    for (const hostile of xssCorpus) {
      const html = renderMarkdown(
        answerMarkdown({ body: hostile.slice(0, 500), name: hostile.slice(0, 60) }, "Answer"),
      );
      const tags: string[] = [];
      new Parser({
        onopentag: (tag, attributes) => tags.push(Object.keys(attributes).length ? `${tag} with attributes` : tag),
      }).end(html);
      expect(new Set(tags), hostile).toEqual(new Set(tags.filter((tag) => ["blockquote", "p", "br"].includes(tag))));
    }
  });
});

describe("setQuestionsOpen", () => {
  it("opens and closes questions for every reader, owners and editors only", async () => {
    const { event, editor, contributor, outsider } = await makeTeam(owner);
    await setQuestionsOpen(editor, event.id, true);
    const [change] = (await eventState(event.id)).changes;
    expect(change).toMatchObject({ type: "EVENT_UPDATED", data: { event: { questionsOpen: true } } });
    for (const other of [contributor, outsider])
      await expect(setQuestionsOpen(other, event.id, false)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db.event.findUniqueOrThrow({ where: { id: event.id } })).questionsOpen).toBe(true);
  });
});
