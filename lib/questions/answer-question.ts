import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { publishPost, type Published } from "@/lib/posts/publish-post";
import { quoteLiterally, escapeMarkdown } from "@/lib/shared/escape-markdown";
import { lockWaitingQuestion } from "./decide-question";

export type AnswerInput = { answer: string; headline?: string | null };

/** The published post's Markdown: the reader's words quoted literally, then the desk's answer. */
export function answerMarkdown(question: { body: string; name: string | null }, answer: string): string {
  const who = question.name ? escapeMarkdown(question.name) : "A reader";
  return `${quoteLiterally(question.body)}\n>\n> — ${who}\n\n${answer.trim()}`;
}

/**
 * An editor answers a reader's question in a post that quotes it. The post, its change-log
 * entry and the question's "answered" mark are one transaction: a question is answered
 * once, by one post, even when two editors answer it at the same moment (409 for the other).
 */
export async function answerQuestion(actor: Actor, questionId: string, input: AnswerInput): Promise<Published> {
  if (typeof input.answer !== "string" || !input.answer.trim()) {
    throw new ValidationError("The answer was not published.", { answer: ["Write your answer."] });
  }
  const question = await db.question.findUnique({
    where: { id: questionId },
    select: { eventId: true, body: true, name: true },
  });
  if (!question) throw new NotFoundError("No such question.");
  return publishPost(
    actor,
    question.eventId,
    { body: answerMarkdown(question, input.answer), headline: input.headline ?? "" },
    {
      claim: async (tx) => void (await lockWaitingQuestion(tx, actor, questionId)),
      record: async (tx, { post }) =>
        void (await tx.question.update({
          where: { id: questionId },
          data: { status: "ANSWERED", answeredPostId: post.id, decidedAt: new Date() },
        })),
    },
  );
}
