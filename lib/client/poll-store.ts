import { createContext } from "react";
import { mergeCounts } from "@/lib/shared/merge-counts";
import type { PollCounts, PollResults } from "@/lib/shared/polls";
import { keepReaderToken, keptReaderToken } from "./kept-reader-token";

type Snapshot = {
  results: PollResults;
  /** This reader's vote by poll id, as remembered in this browser or answered by the server. */
  mine: Record<string, string>;
  /** Polls refused as closed since the page was rendered (the change saying so may lag). */
  closed: Record<string, true>;
  /** The time polls' closing times are compared with: the render's, then the browser's. */
  now: number;
};

const mineKey = (slug: string) => `herald:polls:${slug}`;

/**
 * The poll results of one page's posts and this reader's votes: seeded by the server's
 * render, replaced poll by poll by the stream's `polls` events and by the answers to this
 * reader's own votes. Components read it with useSyncExternalStore.
 */
export class PollStore {
  private snapshot: Snapshot;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly slug: string,
    initial: PollResults,
    renderedAt: number,
    readonly options: {
      /** In an embed, where the cookie may be withheld, the reader token is sent in the body. */
      embed: boolean;
      /** The console: results always, no voting. */
      desk: boolean;
      /** The event has ended: every poll is closed. */
      frozen: boolean;
      /** A post whose poll this reader just voted in without JavaScript (its results are shown). */
      revealPostId?: string;
    },
  ) {
    this.snapshot = { results: initial, mine: {}, closed: {}, now: renderedAt };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  get = (): Snapshot => this.snapshot;

  /** Counts by poll from the stream, or a polled snapshot of them (lib/shared/merge-counts.ts). */
  apply = (results: PollResults, snapshot = false) => {
    this.update({ results: mergeCounts(this.snapshot.results, results, snapshot) });
  };

  /** After hydration: this browser's votes, and the browser's clock from now on. */
  start(): () => void {
    try {
      const saved = JSON.parse(localStorage.getItem(mineKey(this.slug)) ?? "{}") as Record<string, unknown>;
      const mine: Record<string, string> = {};
      for (const [pollId, option] of Object.entries(saved)) if (typeof option === "string") mine[pollId] = option;
      this.update({ mine });
    } catch {
      // Storage unavailable or garbled: the server still knows (a second vote is answered with the first).
    }
    // Closing times pass while the page is open: check every few seconds.
    const tick = () => this.update({ now: Date.now() });
    tick();
    const timer = setInterval(tick, 5_000);
    return () => clearInterval(timer);
  }

  voted(pollId: string, choice: string, counts: PollCounts): void {
    const mine = { ...this.snapshot.mine, [pollId]: choice };
    this.update({ results: { ...this.snapshot.results, [pollId]: counts }, mine });
    try {
      localStorage.setItem(mineKey(this.slug), JSON.stringify(mine));
    } catch {
      // Not remembered here; the cookie still makes a second vote count nothing.
    }
  }

  refused(pollId: string): void {
    this.update({ closed: { ...this.snapshot.closed, [pollId]: true } });
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

/** The page's poll store; without one a poll shows its question and options only. */
export const PollsContext = createContext<PollStore | null>(null);
