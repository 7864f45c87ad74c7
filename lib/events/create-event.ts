import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { slugify } from "@/lib/shared/slug";
import { createEventSchema, fieldErrors, type CreateEventInput } from "@/lib/shared/validation";

export type CreatedEvent = { id: string; slug: string; title: string };

/** Creates an event with `actor` as its owner. The slug comes from the title unless given. */
export async function createEvent(actor: Actor, input: CreateEventInput): Promise<CreatedEvent> {
  const parsed = createEventSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the highlighted fields.", fieldErrors(parsed.error));
  const { title, description, draft, timeZone, language } = parsed.data;
  const slug = parsed.data.slug || slugify(title);
  if (!slug) {
    throw new ValidationError("Choose an address for the event.", {
      slug: ["The title has no letters or digits to make an address from; type one."],
    });
  }
  const taken = () =>
    new ConflictError("That address is taken.", { slug: [`/e/${slug} is already in use; choose another.`] });

  return db.$transaction(async (tx) => {
    // The unique index decides (skipDuplicates), so two editors racing for one slug
    // get one event and one clear error, never a 500.
    const { count } = await tx.event.createMany({
      data: [{ slug, title, description, timeZone, language, status: draft ? "DRAFT" : "LIVE" }],
      skipDuplicates: true,
    });
    if (count === 0) throw taken();
    const event = await tx.event.findUniqueOrThrow({ where: { slug }, select: { id: true, slug: true, title: true } });
    await tx.membership.create({ data: { eventId: event.id, userId: actor.id, role: "OWNER" } });
    return event;
  });
}
