import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { appendChange } from "@/lib/realtime/notify";
import { lockPost } from "./find-post";
import { postViewSelect, toPostView } from "./post-view";

/**
 * Pins a post to the top of the event, or unpins it. One pinned post per event: pinning
 * another unpins the previous one, and readers get both changes.
 */
export async function pinPost(actor: Actor, postId: string, pinned: boolean): Promise<{ seq: number }> {
  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (current.status !== "PUBLISHED") throw new ConflictError("Only published posts can be pinned.");
    let seq = 0;
    if (pinned) {
      const previous = await tx.post.findMany({
        where: { eventId: current.eventId, pinned: true, id: { not: postId } },
        select: { id: true },
      });
      for (const { id } of previous) {
        const row = await tx.post.update({ where: { id }, data: { pinned: false }, select: postViewSelect });
        seq = await appendChange(tx, current.eventId, {
          type: "post.updated",
          postId: id,
          data: { post: toPostView(row) },
        });
      }
    }
    const row = await tx.post.update({ where: { id: postId }, data: { pinned }, select: postViewSelect });
    seq = await appendChange(tx, current.eventId, { type: "post.updated", postId, data: { post: toPostView(row) } });
    return { seq };
  }, writeTransaction);
}
