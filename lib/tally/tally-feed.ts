import "server-only";
import { broadcaster as processBroadcaster, type Broadcaster } from "@/lib/realtime/broadcaster";
import { eventChanged } from "@/lib/realtime/change-watchers";
import { encodeEvent } from "@/lib/realtime/sse";
import { Coalescer, type CoalescerClock } from "./coalescer";

/** At most two updates per second per event and tally, whatever the rate of writes. */
export const tallyUpdateIntervalMs = 500;

/** An event's totals by item (a post's reactions, a poll's votes): item id → counts. */
export type Totals<Counts> = Record<string, Counts>;

export type TallyFeedOptions<Counts> = {
  hub?: Broadcaster;
  read?: (eventId: string) => Promise<Totals<Counts>>;
  intervalMs?: number;
  clock?: CoalescerClock;
  /** Drops the event's pages from caches that render counts (the stream tier's shared cache). */
  pagesChanged?: (eventId: string) => void;
};

type Setup<Counts> = {
  /** The SSE event name, and the broadcaster's state name. */
  name: string;
  read: (eventId: string) => Promise<Totals<Counts>>;
  /** What an item whose counts all went is sent as. */
  empty: Counts;
};

/** Counts are flat objects; rows may come back in any order, so keys are compared sorted. */
const canonical = (counts: unknown) =>
  JSON.stringify(Object.entries(counts as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * Keeps one tally's totals (reactions, poll votes) of every event this process has readers
 * on, and tells them when totals change: fed by the listener's herald_tally notifications,
 * coalesced per event, one read per run. Readers get `event: <name>` (no id: not in the
 * change log) with the items whose counts changed; a reader who joins gets every total first.
 */
export class TallyFeed<Counts> {
  private readonly totals = new Map<string, Totals<Counts>>();
  private readonly coalescer: Coalescer;
  private readonly hub: Broadcaster;
  private readonly read: (eventId: string) => Promise<Totals<Counts>>;
  private readonly unwatch: () => void;
  private readonly pagesChanged: (eventId: string) => void;
  /** Events whose totals changed since their cached pages were last dropped. */
  private readonly stalePages = new Set<string>();

  constructor(
    private readonly setup: Setup<Counts>,
    options: TallyFeedOptions<Counts> = {},
  ) {
    this.hub = options.hub ?? processBroadcaster();
    this.read = options.read ?? setup.read;
    this.pagesChanged = options.pagesChanged ?? eventChanged;
    this.coalescer = new Coalescer(
      (eventId) => this.refresh(eventId),
      options.intervalMs ?? tallyUpdateIntervalMs,
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
   * (coalesced like the rest: at most once an interval, so a storm costs at most one page
   * render per interval) and, if it has readers here, they are told.
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
    const changed: Totals<Counts> = {};
    for (const id of new Set([...Object.keys(previous ?? {}), ...Object.keys(next)])) {
      // An item whose counts all went (taken back, or its post deleted) is sent as empty.
      if (!previous || !same(previous[id] ?? this.setup.empty, next[id] ?? this.setup.empty))
        changed[id] = next[id] ?? this.setup.empty;
    }
    this.totals.set(eventId, next);
    const { name } = this.setup;
    const update = Object.keys(changed).length > 0 ? encodeEvent(name, changed) : null;
    // No counts at all: a joiner is sent nothing (its page's render has every count).
    const snapshot = Object.keys(next).length > 0 ? encodeEvent(name, next) : null;
    this.hub.publishState(eventId, name, snapshot, update);
  }
}
