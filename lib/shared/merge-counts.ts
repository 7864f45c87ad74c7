// How a page takes in counts (reactions by post, poll results by poll) beside its own.

type Counts = Partial<Record<string, number>>;

/**
 * The shown counts with `incoming` taken in. From the stream (`snapshot` false) each
 * item's counts are current and replace what was shown. From the polling fallback
 * (`snapshot` true) they are every item's counts as a shared cache kept them, possibly
 * seconds old: a count only rises from them, so a reader's own fresher answer is never
 * undone by an older copy (what falls — a reaction taken back by another reader — shows
 * on the next page load).
 */
export function mergeCounts<C extends Counts>(
  shown: Record<string, C>,
  incoming: Record<string, C>,
  snapshot: boolean,
): Record<string, C> {
  if (!snapshot) return { ...shown, ...incoming };
  const merged = { ...shown };
  for (const [id, counts] of Object.entries(incoming)) {
    const higher: Counts = { ...merged[id] };
    for (const [key, n] of Object.entries(counts)) higher[key] = Math.max(higher[key] ?? 0, n ?? 0);
    merged[id] = higher as C;
  }
  return merged;
}
