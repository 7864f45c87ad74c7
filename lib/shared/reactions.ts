// The fixed set of reactions readers may give a post: shared by the page, the API and the
// tests. The order is the order of the buttons. Names are message keys (reader.reactions.*).
export const reactionKinds = ["like", "love", "wow", "sad", "applause"] as const;

export type ReactionKind = (typeof reactionKinds)[number];

export const reactionEmoji: Record<ReactionKind, string> = {
  like: "👍",
  love: "❤️",
  wow: "😮",
  sad: "😢",
  applause: "👏",
};

/** One post's counts; kinds nobody gave are left out. */
export type ReactionCounts = Partial<Record<ReactionKind, number>>;

/** Counts by post id: the `reactions` stream event, the page's first render, the API's answer. */
export type ReactionTotals = Record<string, ReactionCounts>;

export function isReactionKind(value: unknown): value is ReactionKind {
  return typeof value === "string" && (reactionKinds as readonly string[]).includes(value);
}

/** The SSE event that carries reaction totals (no `id:`: not part of the change log). */
export const reactionsEventName = "reactions";
