import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import { appendChange } from "@/lib/realtime/notify";
import { lockPost } from "./find-post";

/**
 * Takes a post down for every reader. The row stays (status DELETED) for the record. A
 * post readers never saw (a draft or submission) goes quietly: no change is logged, so
 * `seq` is null.
 */
export async function deletePost(actor: Actor, postId: string): Promise<{ seq: number | null }> {
  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    await tx.post.update({ where: { id: postId }, data: { status: "DELETED", pinned: false } });
    if (current.status !== "PUBLISHED") return { seq: null };
    const seq = await appendChange(tx, current.eventId, { type: "post.deleted", postId, data: { postId } });
    return { seq };
  }, writeTransaction);
}
