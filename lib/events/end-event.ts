import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { appendChange } from "@/lib/realtime/notify";
import { requireRole } from "./require-role";

/** Ends the coverage: readers get `ended` and their browsers stop listening. */
export async function endEvent(actor: Actor, eventId: string): Promise<{ seq: number }> {
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx);
    // Conditional update: of two editors ending at once, one ends it, the other is told.
    const { count } = await tx.event.updateMany({
      where: { id: eventId, status: { not: "ENDED" } },
      data: { status: "ENDED" },
    });
    if (count === 0 || event.status === "ENDED") throw new ConflictError("This event has already ended.");
    const seq = await appendChange(tx, eventId, { type: "ended", data: {} });
    return { seq };
  }, writeTransaction);
}
