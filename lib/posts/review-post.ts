import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { notifyDesk } from "@/lib/presence/notify-desk";
import { reviewNoteSchema } from "@/lib/members/schemas";
import { fieldErrors } from "@/lib/shared/validation";
import { lockPost } from "./find-post";
import { makePublic } from "./make-public";
import type { Published } from "./publish-post";

// The editors' side of review. Both verbs lock the post row, so of two editors approving
// at once (or an approval racing the author's edit), one wins and the other is told.

const approveSchema = z.object({
  // The version the editor read: an approval never publishes text they have not seen.
  version: z.coerce.number().int().positive(),
});
const sendBackSchema = z.object({ note: reviewNoteSchema });

function waiting(status: string): void {
  if (status === "SUBMITTED") return;
  if (status === "PUBLISHED") throw new ConflictError("This post has already been published.");
  throw new ConflictError("This post is no longer waiting for review: it was sent back to its author.");
}

/** An OWNER or EDITOR publishes a submitted post: from this moment readers see it, live. */
export async function approvePost(
  actor: Actor,
  postId: string,
  input: z.input<typeof approveSchema>,
): Promise<Published> {
  const parsed = approveSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not published.", fieldErrors(parsed.error));

  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    waiting(current.status);
    if (current.version !== parsed.data.version) {
      throw new ConflictError("The author changed this post after you opened it. Read the new version first.");
    }
    await notifyDesk(current.eventId, tx);
    return makePublic(tx, current.eventId, postId);
  }, writeTransaction);
}

/** An OWNER or EDITOR returns a submission to its author as a draft, with a note. Readers see nothing. */
export async function sendBackPost(
  actor: Actor,
  postId: string,
  input: z.input<typeof sendBackSchema>,
): Promise<{ id: string; reviewNote: string }> {
  const parsed = sendBackSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not sent back.", fieldErrors(parsed.error));

  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    waiting(current.status);
    await notifyDesk(current.eventId, tx);
    const row = await tx.post.update({
      where: { id: postId },
      data: { status: "DRAFT", reviewNote: parsed.data.note },
      select: { id: true, reviewNote: true },
    });
    return { id: row.id, reviewNote: row.reviewNote ?? "" };
  }, writeTransaction);
}
