import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { appendChange } from "@/lib/realtime/notify";
import { requireRole } from "./require-role";

/** Ends the coverage: readers get `ended` and their browsers stop listening. */
export async function endEvent(actor: Actor, eventId: string): Promise<{ seq: number }> {
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { id: true } });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx);
    // The `ended` change first: appendChange refuses an event that has already ended
    // (under the row lock, so of two editors ending at once, one ends it, the other is told).
    const seq = await appendChange(tx, eventId, { type: "ended", data: {} });
    await tx.event.update({ where: { id: eventId }, data: { status: "ENDED" } });
    return { seq };
  }, writeTransaction);
}
