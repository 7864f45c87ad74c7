import { createContext } from "react";
import { keepReaderToken, keptReaderToken } from "./kept-reader-token";
import { mergeCounts } from "@/lib/shared/merge-counts";
import { isReactionKind, type ReactionCounts, type ReactionKind, type ReactionTotals } from "@/lib/shared/reactions";

type Snapshot = { totals: ReactionTotals; mine: Record<string, ReactionKind[]>; frozen: boolean };

const mineKey = (slug: string) => `herald:reactions:${slug}`;

/**
 * The reaction counts of one page's posts and which of them are this reader's: seeded by
 * the server's render, replaced post by post by the stream's `reactions` events and by the
 * answers to this reader's own reactions. Components read it with useSyncExternalStore.
 */
export class ReactionStore {
  private snapshot: Snapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly slug: string,
    initial: ReactionTotals,
    frozen: boolean,
    /** In an embed, where the cookie may be withheld, the reader token is sent in the body. */
    readonly embed: boolean,
  ) {
    this.snapshot = { totals: initial, mine: {}, frozen };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  get = (): Snapshot => this.snapshot;

  /** Counts by post from the stream, or a polled snapshot of them (lib/shared/merge-counts.ts). */
  apply = (totals: ReactionTotals, snapshot = false) => {
    this.update({ totals: mergeCounts(this.snapshot.totals, totals, snapshot) });
  };

  /** This reader's reactions, remembered in this browser (read after hydration). */
  loadMine(): void {
    try {
      const saved = JSON.parse(localStorage.getItem(mineKey(this.slug)) ?? "{}") as Record<string, unknown>;
      const mine: Record<string, ReactionKind[]> = {};
      for (const [postId, kinds] of Object.entries(saved)) {
        if (Array.isArray(kinds)) mine[postId] = kinds.filter(isReactionKind);
      }
      this.update({ mine });
    } catch {
      // Storage unavailable or garbled: nothing is pressed.
    }
  }

  setPost(postId: string, counts: ReactionCounts, kind: ReactionKind, pressed: boolean): void {
    const kinds = new Set(this.snapshot.mine[postId] ?? []);
    if (pressed) kinds.add(kind);
    else kinds.delete(kind);
    const mine = { ...this.snapshot.mine, [postId]: [...kinds] };
    this.update({ totals: { ...this.snapshot.totals, [postId]: counts }, mine });
    try {
      localStorage.setItem(mineKey(this.slug), JSON.stringify(mine));
    } catch {
      // Not remembered; the count is still right.
    }
  }

  freeze(): void {
    this.update({ frozen: true });
  }

  readerToken(): string | undefined {
    return keptReaderToken(this.slug);
  }

  keepReaderToken(token: string): void {
    keepReaderToken(this.slug, token);
  }

  private update(part: Partial<Snapshot>): void {
    this.snapshot = { ...this.snapshot, ...part };
    for (const listener of this.listeners) listener();
  }
}

/** The page's reaction store; absent where posts show no reactions (the desk's console). */
export const ReactionsContext = createContext<ReactionStore | null>(null);
