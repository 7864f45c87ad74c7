import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import type { WriteGuard } from "@/lib/idempotency/run-idempotent";
import type { PostStatus } from "@/lib/generated/prisma/enums";
import { notifyDesk } from "@/lib/presence/notify-desk";
import { appendChange } from "@/lib/realtime/notify";
import { lockPost } from "./find-post";

export type Deleted = { seq: number | null };

/**
 * Takes a post down for every reader. The row stays (status DELETED) for the record. A
 * post readers never saw (a draft or submission) goes quietly: no change is logged, so
 * `seq` is null. A `guard` (an idempotency key) commits with the deletion.
 */
export async function deletePost(actor: Actor, postId: string, guard?: WriteGuard<Deleted>): Promise<Deleted> {
  return db.$transaction(async (tx) => {
    await guard?.claim(tx);
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    await tx.post.update({
      where: { id: postId },
      data: {
        status: "DELETED",
        pinned: false,
        // What restorePost puts back.
        deletedAt: new Date(),
        deletedFromStatus: current.status as PostStatus,
        deletedWasPinned: current.pinned,
      },
    });
    const seq =
      current.status === "PUBLISHED"
        ? await appendChange(tx, current.eventId, { type: "post.deleted", postId, data: { postId } })
        : null;
    // A kept-back post or a submission leaves the desk's lists instead.
    if (seq === null) await notifyDesk(current.eventId, tx);
    await guard?.record(tx, { seq });
    return { seq };
  }, writeTransaction);
}
