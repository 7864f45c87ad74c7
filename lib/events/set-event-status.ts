import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { appendChange } from "@/lib/realtime/notify";
import { fieldErrors, scheduleSchema } from "@/lib/shared/validation";
import { eventViewSelect, toEventView } from "./event-view";
import { requireRole } from "./require-role";

type Transition = { to: "SCHEDULED" | "LIVE"; from: ("DRAFT" | "SCHEDULED" | "LIVE" | "ENDED")[]; startsAt?: Date };

/**
 * Moves an event along its lifecycle: draft (only the team sees it) → scheduled (readers
 * see a start time) → live → ended (endEvent) — and reopens an ended one.
 */
async function transition(actor: Actor, eventId: string, { to, from, startsAt }: Transition) {
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (!from.includes(event.status)) {
      throw new ConflictError(`A ${event.status.toLowerCase()} event cannot become ${to.toLowerCase()}.`);
    }
    // Status first (an ended event being reopened must be open before it takes a change).
    const row = await tx.event.update({
      where: { id: eventId },
      data: { status: to, ...(startsAt ? { startsAt } : {}) },
      select: eventViewSelect,
    });
    const seq = await appendChange(tx, eventId, { type: "event.updated", data: { event: toEventView(row) } });
    return { seq };
  }, writeTransaction);
}

export async function goLive(actor: Actor, eventId: string) {
  return transition(actor, eventId, { to: "LIVE", from: ["DRAFT", "SCHEDULED"] });
}

export async function reopenEvent(actor: Actor, eventId: string) {
  return transition(actor, eventId, { to: "LIVE", from: ["ENDED"] });
}

export async function scheduleEvent(actor: Actor, eventId: string, input: { startsAt: unknown }) {
  const parsed = scheduleSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The event was not scheduled.", fieldErrors(parsed.error));
  return transition(actor, eventId, { to: "SCHEDULED", from: ["DRAFT", "SCHEDULED"], startsAt: parsed.data.startsAt });
}
