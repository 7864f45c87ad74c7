import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import type { PostStatus } from "@/lib/generated/prisma/enums";
import { appendChange } from "@/lib/realtime/notify";
import type { PostView } from "@/lib/shared/types";
import { postViewSelect, toPostView } from "./post-view";

/** How long after a deletion it can still be undone. */
export const restoreWindowMs = 5 * 60_000;

export type Restored = { post: PostView; seq: number | null };

/**
 * Undoes deletePost within `restoreWindowMs`: the post gets back the status and pin it had.
 * Same authorization as deleting. A post readers saw (PUBLISHED) is announced again with a
 * post.published change, so every reader gets it back; a draft comes back quietly (`seq` null).
 */
export async function restorePost(actor: Actor, postId: string, now = new Date()): Promise<Restored> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<
      {
        eventId: string;
        status: string;
        deletedAt: Date | null;
        deletedFromStatus: string | null;
        deletedWasPinned: boolean | null;
      }[]
    >`
      SELECT "eventId", "status"::text AS "status", "deletedAt", "deletedFromStatus"::text AS "deletedFromStatus",
             "deletedWasPinned"
      FROM "Post" WHERE "id" = ${postId} FOR UPDATE`;
    const current = rows[0];
    if (!current) throw new NotFoundError("No such post.");
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (current.status !== "DELETED" || !current.deletedAt || !current.deletedFromStatus) {
      throw new ConflictError("This post is not deleted, or was deleted before undo existed.");
    }
    if (now.getTime() - current.deletedAt.getTime() > restoreWindowMs) {
      throw new ConflictError("It is too late to undo this deletion.");
    }
    const status = current.deletedFromStatus as Exclude<PostStatus, "DELETED">;
    const row = await tx.post.update({
      where: { id: postId },
      data: {
        status,
        pinned: current.deletedWasPinned ?? false,
        deletedAt: null,
        deletedFromStatus: null,
        deletedWasPinned: null,
      },
      select: postViewSelect,
    });
    const post = toPostView(row);
    const seq =
      status === "PUBLISHED"
        ? await appendChange(tx, current.eventId, { type: "post.published", postId, data: { post } })
        : null;
    return { post, seq };
  }, writeTransaction);
}
