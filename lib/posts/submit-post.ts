import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { notifyDesk } from "@/lib/presence/notify-desk";
import type { WriteGuard } from "@/lib/idempotency/run-idempotent";
import {
  editPostSchema,
  fieldErrors,
  postBodySchema,
  type EditPostInput,
  type PublishPostInput,
} from "@/lib/shared/validation";
import { renderMarkdown } from "./render-markdown";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

// The author's side of review. None of this is visible to readers, so nothing here
// appends to the change log: a post reaches readers only through approvePost.

export type Submitted = { id: string; version: number };

const anyMember = ["OWNER", "EDITOR", "CONTRIBUTOR"] as const;
const ended = () => new ConflictError("This coverage has ended: nothing more can be sent.");

/** Writes a post for the editors to review (how contributors post). Readers see nothing yet. */
export async function submitPost(
  actor: Actor,
  eventId: string,
  input: PublishPostInput,
  guard?: WriteGuard<Submitted>,
): Promise<Submitted> {
  const parsed = postBodySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not sent.", fieldErrors(parsed.error));
  const { body, headline } = parsed.data;
  const bodyHtml = renderMarkdown(body, await imageSizesIn(body));

  return db.$transaction(async (tx) => {
    await guard?.claim(tx);
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { status: true } });
    if (!event) throw new NotFoundError("No such event.");
    await requireRole(eventId, actor.id, anyMember, tx);
    if (event.status === "ENDED") throw ended();
    const submitted = await tx.post.create({
      data: {
        eventId,
        authorId: actor.id,
        status: "SUBMITTED",
        headline: headline || null,
        bodyMarkdown: body,
        bodyHtml,
        submittedAt: new Date(),
      },
      select: { id: true, version: true },
    });
    await notifyDesk(eventId, tx);
    await guard?.record(tx, submitted);
    return submitted;
  }, writeTransaction);
}

/** The author's own post that has not been published, locked for the rest of the transaction. */
async function lockOwnUnpublished(tx: Tx, actor: Actor, postId: string) {
  const rows = await tx.$queryRaw<{ eventId: string; authorId: string; version: number; status: string }[]>`
    SELECT "eventId", "authorId", "version", "status"::text AS "status" FROM "Post" WHERE "id" = ${postId} FOR UPDATE`;
  const post = rows[0];
  if (!post || post.status === "DELETED") throw new NotFoundError("No such post.");
  await requireRole(post.eventId, actor.id, anyMember, tx);
  if (post.authorId !== actor.id) throw new ForbiddenError("Only its author can change a post waiting for review.");
  if (post.status === "PUBLISHED") {
    throw new ConflictError("An editor has already published this post; it can no longer be changed here.");
  }
  return post;
}

/** The author edits a draft (sent back) or a submission and sends it (again) for review. */
export async function resubmitPost(actor: Actor, postId: string, input: EditPostInput): Promise<Submitted> {
  const parsed = editPostSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not sent.", fieldErrors(parsed.error));
  const { body, headline, version } = parsed.data;
  const bodyHtml = renderMarkdown(body, await imageSizesIn(body));

  return db.$transaction(async (tx) => {
    const post = await lockOwnUnpublished(tx, actor, postId);
    if (post.version !== version) {
      throw new ConflictError("This post changed since you opened it (another tab?). Reload to see the latest.");
    }
    const event = await tx.event.findUniqueOrThrow({ where: { id: post.eventId }, select: { status: true } });
    if (event.status === "ENDED") throw ended();
    await notifyDesk(post.eventId, tx);
    return tx.post.update({
      where: { id: postId },
      data: {
        bodyMarkdown: body,
        bodyHtml,
        headline: headline || null,
        version: { increment: 1 },
        status: "SUBMITTED",
        submittedAt: new Date(),
        reviewNote: null,
      },
      select: { id: true, version: true },
    });
  }, writeTransaction);
}

/** The author throws away a draft or withdraws a submission. It never reached readers. */
export async function discardPost(actor: Actor, postId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const { eventId } = await lockOwnUnpublished(tx, actor, postId);
    await tx.post.update({ where: { id: postId }, data: { status: "DELETED" } });
    await notifyDesk(eventId, tx);
  }, writeTransaction);
}
