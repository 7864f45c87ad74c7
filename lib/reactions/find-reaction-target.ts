import "server-only";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { sql } from "@/lib/sql";
import { targetCache } from "@/lib/tally/target-cache";

export const reactionsEndedMessage = "This coverage has ended: its reactions are closed.";

/**
 * The event and post a reaction is for: 404 unless the event is public and the post is
 * published in it; 409 once the event has ended (its counts are frozen).
 */
export async function findReactionTarget(slug: string, postId: string): Promise<{ eventId: string }> {
  if (!/^[a-z0-9]{1,40}$/.test(postId)) throw new NotFoundError("No such update.");
  const [row] = await sql<{ id: string; status: string; postStatus: string | null }>`
    SELECT e."id", e."status", p."status" AS "postStatus" FROM "Event" e
    LEFT JOIN "Post" p ON p."id" = ${postId} AND p."eventId" = e."id"
    WHERE e."slug" = ${slug}`;
  if (!row || row.status === "DRAFT") throw new NotFoundError("No such event.");
  if (row.postStatus !== "PUBLISHED") throw new NotFoundError("No such update.");
  if (row.status === "ENDED") throw new ConflictError(reactionsEndedMessage);
  return { eventId: row.id };
}

/** findReactionTarget, reused for a second in this process (lib/tally/target-cache.ts). */
export const cachedReactionTarget = targetCache(findReactionTarget);
