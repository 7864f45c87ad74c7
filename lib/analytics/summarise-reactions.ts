import { reactionKinds, type ReactionCounts, type ReactionKind, type ReactionTotals } from "@/lib/shared/reactions";

export type PostReactions = { id: string; label: string; counts: ReactionCounts; total: number };

export type ReactionSummary = {
  /** Every kind, in button order, zero when nobody gave it. */
  byKind: Record<ReactionKind, number>;
  total: number;
  /** The posts readers reacted to most, most first (ties: earlier post first). */
  topPosts: PostReactions[];
};

/**
 * An event's reactions for its desk: totals by kind and the posts that drew the most.
 * `posts` are the published posts, oldest first; counts of any other post are ignored.
 */
export function summariseReactions(
  totals: ReactionTotals,
  posts: { id: string; label: string }[],
  top = 10,
): ReactionSummary {
  const byKind = Object.fromEntries(reactionKinds.map((kind) => [kind, 0])) as Record<ReactionKind, number>;
  const reacted: PostReactions[] = [];
  for (const post of posts) {
    const counts = totals[post.id];
    if (!counts) continue;
    let total = 0;
    for (const kind of reactionKinds) {
      const n = counts[kind] ?? 0;
      byKind[kind] += n;
      total += n;
    }
    if (total > 0) reacted.push({ id: post.id, label: post.label, counts, total });
  }
  // Array.prototype.sort is stable: equal totals keep the posts' order.
  reacted.sort((a, b) => b.total - a.total);
  return { byKind, total: reactionKinds.reduce((sum, kind) => sum + byKind[kind], 0), topPosts: reacted.slice(0, top) };
}
