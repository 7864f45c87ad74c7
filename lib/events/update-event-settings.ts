import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { appendChange } from "@/lib/realtime/notify";
import { eventSettingsSchema, fieldErrors, type EventSettingsInput } from "@/lib/shared/validation";
import { eventViewSelect, toEventView } from "./event-view";
import { requireRole } from "./require-role";

/**
 * Owners change an event's settings; readers get `event.updated`. The address (slug) can
 * change only before the event goes live: after that, readers and links already use it.
 */
export async function updateEventSettings(
  actor: Actor,
  eventId: string,
  // Anything from a form or a request: validated here.
  input: Partial<Record<keyof EventSettingsInput, unknown>>,
): Promise<{ slug: string; seq: number }> {
  const parsed = eventSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The settings were not saved.", fieldErrors(parsed.error));
  const settings = parsed.data;
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { slug: true, status: true } });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, ["OWNER"], tx);
    if (settings.slug !== event.slug) {
      if (event.status === "LIVE" || event.status === "ENDED") {
        throw new ConflictError("The address cannot change once the event is live.", {
          slug: ["Readers and links already use this address."],
        });
      }
      const taken = await tx.event.findUnique({ where: { slug: settings.slug }, select: { id: true } });
      if (taken)
        throw new ConflictError("That address is taken.", { slug: [`/e/${settings.slug} is already in use.`] });
    }
    const row = await tx.event.update({ where: { id: eventId }, data: settings, select: eventViewSelect });
    // Refuses an ended event (under the row lock), which rolls the update back too.
    const seq = await appendChange(tx, eventId, { type: "event.updated", data: { event: toEventView(row) } });
    return { slug: settings.slug, seq };
  }, writeTransaction);
}
