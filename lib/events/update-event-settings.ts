import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { appendChange } from "@/lib/realtime/notify";
import { eventSettingsSchema, fieldErrors, type EventSettingsInput } from "@/lib/shared/validation";
import { storage as defaultStorage, type Storage } from "@/lib/storage";
import { isStorageKey } from "@/lib/storage/storage";
import { eventViewSelect, toEventView } from "./event-view";
import { requireRole } from "./require-role";

/**
 * Owners change an event's settings; readers get `event.updated`. The address (slug) can
 * change only before the event goes live: after that, readers and links already use it.
 * The cover image is the key of an image already uploaded for this event
 * (lib/uploads/upload-image.ts), or null to remove it.
 */
export async function updateEventSettings(
  actor: Actor,
  eventId: string,
  // Anything from a form or a request: validated here.
  input: Partial<Record<keyof EventSettingsInput, unknown>>,
  storage: Storage = defaultStorage(),
): Promise<{ slug: string; seq: number }> {
  const parsed = eventSettingsSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The settings were not saved.", fieldErrors(parsed.error));
  const settings = parsed.data;
  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({
      where: { id: eventId },
      select: { slug: true, status: true, coverImageKey: true },
    });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, ["OWNER"], tx);
    const { coverImageKey } = settings;
    if (coverImageKey && coverImageKey !== event.coverImageKey)
      await requireEventImage(eventId, coverImageKey, storage);
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

/** Only an image uploaded for this very event, and still stored, can be its cover. */
async function requireEventImage(eventId: string, key: string, storage: Storage): Promise<void> {
  const ours = isStorageKey(key) && key.startsWith(`${eventId}/`);
  if (!ours || !(await storage.has(key))) {
    throw new ValidationError("The settings were not saved.", {
      coverImageKey: ["That image is not one uploaded for this event: upload it again."],
    });
  }
}
