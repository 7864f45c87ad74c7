import "server-only";
import { broadcaster as processBroadcaster, type Broadcaster } from "@/lib/realtime/broadcaster";
import { eventChanged } from "@/lib/realtime/change-watchers";
import { encodeEvent } from "@/lib/realtime/sse";
import { reactionsEventName, type ReactionCounts, type ReactionTotals } from "@/lib/shared/reactions";
import { Coalescer, type CoalescerClock } from "@/lib/tally/coalescer";
import { eventReactionTotals } from "./reaction-totals";

/** At most two reaction updates per second per event, whatever the reaction rate. */
export const reactionUpdateIntervalMs = 500;

type Options = {
  hub?: Broadcaster;
  read?: (eventId: string) => Promise<ReactionTotals>;
  intervalMs?: number;
  clock?: CoalescerClock;
  /** Drops the event's pages from caches that render counts (the stream tier's shared cache). */
  pagesChanged?: (eventId: string) => void;
};

const same = (a: ReactionCounts | undefined, b: ReactionCounts | undefined) =>
  JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * Keeps the reaction totals of every event this process has readers on, and tells them
 * when totals change: fed by the listener's herald_tally notifications, coalesced per
 * event, one GROUP BY per run. Readers get `event: reactions` (no id: not in the change
 * log) with the posts whose counts changed; a reader who joins gets every total first.
 */
export class ReactionFeed {
  private readonly totals = new Map<string, ReactionTotals>();
  private readonly coalescer: Coalescer;
  private readonly hub: Broadcaster;
  private readonly read: (eventId: string) => Promise<ReactionTotals>;
  private readonly unwatch: () => void;
  private readonly pagesChanged: (eventId: string) => void;
  /** Events whose totals changed since their cached pages were last dropped. */
  private readonly stalePages = new Set<string>();

  constructor(options: Options = {}) {
    this.hub = options.hub ?? processBroadcaster();
    this.read = options.read ?? eventReactionTotals;
    this.pagesChanged = options.pagesChanged ?? eventChanged;
    this.coalescer = new Coalescer(
      (eventId) => this.refresh(eventId),
      options.intervalMs ?? reactionUpdateIntervalMs,
      options.clock,
    );
    this.unwatch = this.hub.watchChannels({
      // A channel's first reader: read its totals, for it and for every reader after it.
      opened: (eventId) => this.coalescer.touch(eventId),
      closed: (eventId) => {
        this.totals.delete(eventId);
        this.coalescer.forget(eventId);
      },
    });
  }

  /**
   * From the listener: `eventId`'s totals changed somewhere. Its cached pages are dropped
   * (coalesced like the rest: at most once an interval, so a storm of reactions costs at
   * most one page render per interval) and, if it has readers here, they are told.
   */
  notified(eventId: string): void {
    this.stalePages.add(eventId);
    this.coalescer.touch(eventId);
  }

  /** After the listener reconnects: notifications may have been missed, read every total again. */
  resync(): void {
    for (const eventId of this.hub.eventIds()) this.coalescer.touch(eventId);
  }

  stop(): void {
    this.unwatch();
  }

  private async refresh(eventId: string): Promise<void> {
    if (this.stalePages.delete(eventId)) this.pagesChanged(eventId);
    if (!this.hub.hasReaders(eventId)) return;
    const next = await this.read(eventId);
    if (!this.hub.hasReaders(eventId)) return; // everyone left meanwhile
    const previous = this.totals.get(eventId);
    const changed: ReactionTotals = {};
    for (const postId of new Set([...Object.keys(previous ?? {}), ...Object.keys(next)])) {
      // A post whose reactions all went (taken back, or the post deleted) is sent as {}.
      if (!previous || !same(previous[postId], next[postId])) changed[postId] = next[postId] ?? {};
    }
    this.totals.set(eventId, next);
    const update = Object.keys(changed).length > 0 ? encodeEvent(reactionsEventName, changed) : null;
    // No reactions at all: a joiner is sent nothing (its page's render has every count).
    const snapshot = Object.keys(next).length > 0 ? encodeEvent(reactionsEventName, next) : null;
    this.hub.publishState(eventId, reactionsEventName, snapshot, update);
  }
}

const key = Symbol.for("herald.reactionFeed");
const store = globalThis as unknown as Record<symbol, ReactionFeed | undefined>;

/** This process's reaction feed, started with the listener. */
export function reactionFeed(): ReactionFeed {
  return (store[key] ??= new ReactionFeed());
}
