import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { notifyDesk } from "@/lib/presence/notify-desk";

/**
 * Locks a waiting question for an editor's decision: 404 for no such question, 403 for
 * anyone but the event's owners and editors, 409 if another editor decided first.
 */
export async function lockWaitingQuestion(tx: Tx, actor: Actor, questionId: string) {
  const [row] = await tx.$queryRaw<
    { id: string; eventId: string; status: string; body: string; name: string | null }[]
  >`
    SELECT "id", "eventId", "status"::text AS "status", "body", "name" FROM "Question" WHERE "id" = ${questionId} FOR UPDATE`;
  if (!row) throw new NotFoundError("No such question.");
  await requireRole(row.eventId, actor.id, ["OWNER", "EDITOR"], tx);
  if (row.status === "ANSWERED") throw new ConflictError("This question has already been answered.");
  if (row.status === "DISCARDED") throw new ConflictError("This question has already been discarded.");
  // Whatever is decided, every desk's queue changes (delivered on commit).
  await notifyDesk(row.eventId, tx);
  return row;
}

/** An editor sets a question aside: it leaves the queue, and no reader ever sees it. */
export async function discardQuestion(actor: Actor, questionId: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    await lockWaitingQuestion(tx, actor, questionId);
    await tx.question.update({
      where: { id: questionId },
      data: { status: "DISCARDED", decidedAt: new Date() },
    });
    return { id: questionId };
  }, writeTransaction);
}
