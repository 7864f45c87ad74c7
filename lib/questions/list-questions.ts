import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import { questionViewSelect, toQuestionView, type QuestionView } from "./question-view";

/** How many waiting questions the queue shows at once, oldest first (the rest wait their turn). */
export const questionQueueSize = 100;

/** The event's questions waiting for the desk, oldest first, and how many wait in all. Editors only. */
export async function listQuestions(
  actor: Actor,
  eventId: string,
): Promise<{ questions: QuestionView[]; waiting: number }> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR"]);
  const where = { eventId, status: "PENDING" as const };
  const [rows, waiting] = await Promise.all([
    db.question.findMany({
      where,
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: questionQueueSize,
      select: questionViewSelect,
    }),
    db.question.count({ where }),
  ]);
  return { questions: rows.map(toQuestionView), waiting };
}
