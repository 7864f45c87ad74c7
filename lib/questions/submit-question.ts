import "server-only";
import { countAttempts } from "@/lib/auth/rate-limits";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import type { RateLimitRule } from "@/lib/security/rate-limit";
import { notifyDesk } from "@/lib/presence/notify-desk";
import { fieldErrors } from "@/lib/shared/validation";
import { questionInputSchema, type QuestionInput } from "./question-input";

// A reader asking one question every two minutes is a conversation; more is a flood. The
// event-wide limit keeps a storm of addresses from burying the desk's queue.
export const questionsPerAddress = (): RateLimitRule => ({
  name: "question:ip",
  limit: env().HERALD_QUESTIONS_PER_ADDRESS,
  windowSeconds: 10 * 60,
});
export const questionsPerEvent: RateLimitRule = { name: "question:event", limit: 600, windowSeconds: 60 };

/**
 * A reader (no account) sends the desk a question about a live event. Only the desk sees
 * it. Refused with a 4xx that says why: an unknown event, questions closed, coverage
 * ended, input out of bounds, the honeypot filled, or too many questions (429).
 */
export async function submitQuestion(slug: string, input: QuestionInput, address: string): Promise<{ id: string }> {
  const event = await db.event.findUnique({ where: { slug }, select: { id: true, status: true, questionsOpen: true } });
  if (!event || event.status === "DRAFT") throw new NotFoundError("No such event.");
  if (event.status === "ENDED") throw new ConflictError("This coverage has ended: the desk takes no more questions.");
  if (!event.questionsOpen) throw new ConflictError("The desk is not taking questions for this event.");

  const parsed = questionInputSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Your question was not sent.", fieldErrors(parsed.error));

  await countAttempts(
    [
      { rule: questionsPerAddress(), subject: `${event.id}:${address}` },
      { rule: questionsPerEvent, subject: event.id },
    ],
    (wait) => `You have sent several questions already. Try again in ${wait}.`,
  );
  const { body, name } = parsed.data;
  const question = await db.question.create({ data: { eventId: event.id, body, name }, select: { id: true } });
  await notifyDesk(event.id);
  return question;
}
