import "server-only";
import type { Tx } from "@/lib/db";
import { appendChange } from "@/lib/realtime/notify";
import { postViewSelect, toPostView } from "./post-view";
import type { Published } from "./publish-post";

/**
 * Publishes a post that already exists (an approved submission, a draft, a scheduled
 * post) inside the caller's transaction, with the row already locked: from the commit on,
 * readers see it live. Refused, like every change, once the event has ended.
 */
export async function makePublic(tx: Tx, eventId: string, postId: string): Promise<Published> {
  const row = await tx.post.update({
    where: { id: postId },
    data: { status: "PUBLISHED", publishedAt: new Date(), reviewNote: null, scheduledFor: null },
    select: postViewSelect,
  });
  const post = toPostView(row);
  const seq = await appendChange(tx, eventId, { type: "post.published", postId, data: { post } });
  return { post, seq };
}
