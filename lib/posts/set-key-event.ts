import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { appendChange } from "@/lib/realtime/notify";
import { fieldErrors, keyLabelSchema } from "@/lib/shared/validation";
import { lockPost } from "./find-post";
import { postViewSelect, toPostView } from "./post-view";

/** Marks a post as a key event with a short label ("Goal!", "Polls close"), or clears it (null). */
export async function setKeyEvent(actor: Actor, postId: string, label: string | null): Promise<{ seq: number }> {
  let keyLabel: string | null = null;
  if (label !== null) {
    const parsed = keyLabelSchema.safeParse(label);
    if (!parsed.success) throw new ValidationError("The key event was not marked.", fieldErrors(parsed.error));
    keyLabel = parsed.data;
  }
  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (current.status !== "PUBLISHED") throw new ConflictError("Only published posts can be key events.");
    const row = await tx.post.update({ where: { id: postId }, data: { keyLabel }, select: postViewSelect });
    const seq = await appendChange(tx, current.eventId, {
      type: "post.updated",
      postId,
      data: { post: toPostView(row) },
    });
    return { seq };
  }, writeTransaction);
}
