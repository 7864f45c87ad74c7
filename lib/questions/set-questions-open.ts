import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { eventViewSelect, toEventView } from "@/lib/events/event-view";
import { requireRole } from "@/lib/events/require-role";
import { appendChange } from "@/lib/realtime/notify";

/**
 * An editor opens or closes the event's questions. Readers get `event.updated`, so the
 * question form appears or goes away on every open page, live.
 */
export async function setQuestionsOpen(actor: Actor, eventId: string, open: boolean): Promise<{ seq: number }> {
  return db.$transaction(async (tx) => {
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx);
    const row = await tx.event.update({
      where: { id: eventId },
      data: { questionsOpen: open },
      select: eventViewSelect,
    });
    // Refuses an ended event (under the row lock), which rolls the update back too.
    const seq = await appendChange(tx, eventId, { type: "event.updated", data: { event: toEventView(row) } });
    return { seq };
  }, writeTransaction);
}
