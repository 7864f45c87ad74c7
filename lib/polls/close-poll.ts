import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction, type Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import type { WriteGuard } from "@/lib/idempotency/run-idempotent";
import { lockPost } from "@/lib/posts/find-post";
import { postViewSelect, toPostView } from "@/lib/posts/post-view";
import { appendChange } from "@/lib/realtime/notify";
import { tallyChannel, tallyPayload } from "@/lib/tally/channel";

export type PollClosed = { closed: boolean; seq: number | null };

/**
 * Closes a post's poll for good (editors and owners, like editing the post). The UPDATE
 * waits for vote batches in flight (they hold the poll FOR SHARE, lib/polls/write-votes.ts)
 * and every batch after it sees the poll closed: the results are final once this commits.
 * Readers learn it as a `post.updated` change (the post carries its poll); closing a
 * closed poll changes nothing. Returns whether this call closed it. A `guard` (an
 * idempotency key) commits with it.
 */
export async function closePoll(actor: Actor, postId: string, guard?: WriteGuard<PollClosed>): Promise<PollClosed> {
  return db.$transaction(async (tx) => {
    await guard?.claim(tx);
    const post = await lockPost(tx, postId);
    await requireRole(post.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    const poll = await tx.poll.findUnique({ where: { postId }, select: { id: true, closedAt: true } });
    if (!poll) throw new NotFoundError("This update has no poll.");
    const result = poll.closedAt ? { closed: false, seq: null } : await close(tx, poll.id, post);
    await guard?.record(tx, result);
    return result;
  }, writeTransaction);
}

async function close(tx: Tx, pollId: string, post: { id: string; eventId: string; status: string }) {
  await tx.poll.update({ where: { id: pollId }, data: { closedAt: new Date() } });
  await tx.$executeRaw`SELECT pg_notify(${tallyChannel}, ${tallyPayload("polls", post.eventId)})`;
  if (post.status !== "PUBLISHED") return { closed: true, seq: null };
  const row = await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: postViewSelect });
  const seq = await appendChange(tx, post.eventId, {
    type: "post.updated",
    postId: post.id,
    data: { post: toPostView(row) },
  });
  return { closed: true, seq };
}
