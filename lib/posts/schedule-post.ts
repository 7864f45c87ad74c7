import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { notifyDesk } from "@/lib/presence/notify-desk";
import type { WriteGuard } from "@/lib/idempotency/run-idempotent";
import { pollCreate } from "@/lib/polls/poll-create";
import { draftPostSchema, fieldErrors, schedulePostSchema } from "@/lib/shared/validation";
import { lockPost } from "./find-post";
import { makePublic } from "./make-public";
import type { Published } from "./publish-post";
import { renderMarkdown } from "./render-markdown";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

export type Saved = { id: string };

type KeptBack = {
  body: string;
  headline?: string;
  scheduledFor?: Date;
  poll?: { question: string; options: string[]; closesAt: Date | null } | null;
};

/**
 * An editor's post kept back: as a draft, or scheduled to publish itself at a time, with
 * its poll if it has one (written with the post, so it is published with it). Readers see
 * nothing yet, and nobody can vote: a vote needs a published post (lib/polls/find-poll.ts).
 */
async function keepBack(
  actor: Actor,
  eventId: string,
  data: KeptBack,
  guard: WriteGuard<Saved> | undefined,
): Promise<Saved> {
  const imageSizes = await imageSizesIn(data.body);
  return db.$transaction(async (tx) => {
    await guard?.claim(tx);
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (event.status === "ENDED") throw new ConflictError("This coverage has ended.");
    const saved = await tx.post.create({
      data: {
        eventId,
        authorId: actor.id,
        status: data.scheduledFor ? "SCHEDULED" : "DRAFT",
        scheduledFor: data.scheduledFor ?? null,
        headline: data.headline || null,
        bodyMarkdown: data.body,
        bodyHtml: renderMarkdown(data.body, imageSizes),
        ...(data.poll && { poll: { create: pollCreate(eventId, data.poll) } }),
      },
      select: { id: true },
    });
    await notifyDesk(eventId, tx);
    await guard?.record(tx, saved);
    return saved;
  }, writeTransaction);
}

export async function saveDraft(
  actor: Actor,
  eventId: string,
  input: { body?: unknown; headline?: unknown; poll?: unknown },
  guard?: WriteGuard<Saved>,
): Promise<Saved> {
  const parsed = draftPostSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The draft was not saved.", fieldErrors(parsed.error));
  return keepBack(actor, eventId, parsed.data, guard);
}

export async function schedulePost(
  actor: Actor,
  eventId: string,
  input: { body?: unknown; headline?: unknown; scheduledFor?: unknown; poll?: unknown },
  guard?: WriteGuard<Saved>,
): Promise<Saved> {
  const parsed = schedulePostSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not scheduled.", fieldErrors(parsed.error));
  return keepBack(actor, eventId, parsed.data, guard);
}

/** Publishes one of the actor's drafts or scheduled posts now. */
export async function publishNow(actor: Actor, postId: string): Promise<Published> {
  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (current.status !== "DRAFT" && current.status !== "SCHEDULED") {
      throw new ConflictError("Only drafts and scheduled posts can be published from here.");
    }
    await notifyDesk(current.eventId, tx);
    return makePublic(tx, current.eventId, postId);
  }, writeTransaction);
}
