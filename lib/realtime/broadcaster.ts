import "server-only";
import { logger } from "@/lib/observability/logger";
import {
  changeFannedOut,
  notifyReceived,
  readerJoined,
  readerLeft,
  slowReaderDropped,
} from "@/lib/observability/metrics";
import type { StreamChannel } from "@/lib/shared/reader-channels";
import type { ChangeMessage } from "@/lib/shared/types";
import { changesAfter } from "./change-log";
import { encodeChange, encodeEvent, encodeRetry, heartbeat } from "./sse";

/** Where a subscriber's bytes go (an SSE response). */
export type Sink = {
  /** Queues bytes for the reader; false when the stream is gone. */
  write(chunk: Uint8Array): boolean;
  /** True while the reader has as much unsent as it may hold: send nothing more yet. */
  full(): boolean;
  /** Resolves true once the reader has taken what is queued, false if it does not in time. */
  drained(): Promise<boolean>;
  /** True when bytes have waited unsent for too long: the reader has stopped reading. */
  stalled(now: number): boolean;
  close(): void;
};

type Subscriber = {
  sink: Sink;
  /** Highest seq this reader has been sent: nothing at or below it is sent again. */
  cursor: number;
  /**
   * Messages waiting for this reader, in order: while its replay is read from Postgres,
   * and whenever its stream is full. They are references to bytes shared by every
   * reader, so waiting costs a pointer each, not a copy.
   */
  buffered: Outgoing[] | null;
  /** Which tick of the heartbeat cycle this reader's heartbeat goes out on (see startHeartbeat). */
  beat: number;
  /** Where the reader reads: the event page, the embed or the console (for analytics only). */
  via: StreamChannel;
};

/**
 * One encoded change; `last` when it ends the event (the stream closes after it). A
 * `state` message (reaction totals) is outside the change log: it has no seq of its own,
 * moves no cursor, and is never replayed. A batch (see batchOf) is consecutive changes
 * as one message: `parts` are the changes, `bytes` theirs end to end, `seq` the last one's.
 */
type Outgoing = { seq: number; bytes: Uint8Array; last: boolean; state?: true; parts?: Outgoing[] };

/** Told when an event gets its first reader in this process, and when it loses its last. */
export type ChannelWatcher = { opened(eventId: string): void; closed(eventId: string): void };

type Channel = {
  eventId: string;
  subscribers: Set<Subscriber>;
  /** Highest seq fanned out here; null until the first pull or replay. */
  delivered: number | null;
  /** The last messages fanned out here, in order and without gaps, ending at `delivered`. */
  recent: Outgoing[];
  /** Highest seq known to exist (from NOTIFY). */
  target: number;
  /** Counts notify()/resync() calls, so a pull can tell that one came in during its read. */
  wakes: number;
  /** Changes that came with their notification, by seq, until delivered: no read needed. */
  announced: Map<number, ChangeMessage>;
  pulling: boolean;
  /** The latest snapshot of each state (by name), written to every reader as it joins. */
  states: Map<string, Uint8Array>;
  /** The change being fanned out, if any: the next change starts after it (fanOut). */
  fanning: Promise<void> | null;
  /** The same for states, which need no place among the changes, only among themselves. */
  stating: Promise<void> | null;
};

type LoadChanges = (eventId: string, afterSeq: number, limit: number) => Promise<ChangeMessage[]>;

/** A reader further behind than this reloads the page instead of replaying. */
export const replayLimit = 1000;
const pullPage = 200;
/** Changes a channel holds from notifications, waiting their turn (beyond: read from the log). */
const announcedLimit = 256;
/** Messages a channel keeps for readers who reconnect a little behind (pointers to shared bytes). */
const recentLimit = 128;
/**
 * Readers written to between yields to the event loop. Writing one change to 10,000
 * sockets takes a busy core 100 ms or more; in slices, the publish response, a dashboard
 * request or a new reader that arrived meanwhile is answered between them, not after.
 */
const fanoutSlice = 1_000;
/**
 * The same for a state (a storm's counts, twice a second), in larger slices: between two
 * slices the process answers whatever came in meanwhile — under a storm, hundreds of votes
 * — and in slices of 1,000 the last readers of a process got their counts 0.3–0.4 s later
 * (bench, 20,000 readers), beyond the second a count may take.
 */
const stateSlice = 5_000;
/**
 * The most changes (and bytes) one write to a reader carries. A fan-out is a write per
 * reader, and the write (a system call) is nearly all of its cost, whatever its size:
 * changes that arrive while one is fanned out go out together in the next, so a burst of
 * publishes costs a write per reader per fan-out, not per change.
 */
const batchChanges = 32;
const batchBytes = 64 * 1024;
const heartbeatMs = 15_000;
/** A reader told to go elsewhere (shutdown) reconnects after 0.5–3.5 s, each at its own time. */
export const goAwayRetryMs = 500;
export const goAwayJitterMs = 3_000;
/** How often stalled readers are looked for (each sink decides what "stalled" means). */
const sweepMs = 1_000;
/** Sweeps per heartbeat cycle: each sweep sends the heartbeat to a fifteenth of the readers. */
export const beatsPerCycle = heartbeatMs / sweepMs;

/**
 * Fans changes out to this process's readers, one channel per event. A notification
 * only says "event E has reached seq S": the channel reads every change after the last
 * one it delivered, in order, encodes each once and writes the same bytes to every
 * subscriber. Reading "after the last delivered" rather than "exactly S" is what makes
 * lost or coalesced notifications harmless.
 */
export class Broadcaster {
  private readonly channels = new Map<string, Channel>();
  private heartbeatTimer: ReturnType<typeof setInterval> | undefined;
  private count = 0;
  /** Readers who ever joined: spreads their heartbeats over the cycle. */
  private joins = 0;
  /** Set by disconnectAll: this process is shutting down and takes no new readers. */
  closing = false;
  private readonly watchers = new Set<ChannelWatcher>();

  constructor(private readonly load: LoadChanges = changesAfter) {}

  get readerCount(): number {
    return this.count;
  }

  /** Readers per event in this process (for lib/realtime/reader-counts.ts; off the fan-out path). */
  readersByEvent(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [eventId, channel] of this.channels) counts.set(eventId, channel.subscribers.size);
    return counts;
  }

  /** Readers per event in this process by stream channel (for the analytics sampler; off the fan-out path). */
  readersByChannel(): Map<string, Record<StreamChannel, number>> {
    const counts = new Map<string, Record<StreamChannel, number>>();
    for (const [eventId, channel] of this.channels) {
      const tally = { page: 0, embed: 0, desk: 0 };
      for (const subscriber of channel.subscribers) tally[subscriber.via]++;
      counts.set(eventId, tally);
    }
    return counts;
  }

  /**
   * Adds a reader who has seen everything up to `cursor`: replays the changes after it,
   * then goes live. The reader joins the channel before the replay is read, and live
   * changes wait in `buffered` until the replay is written, so the seam between the two
   * has no gap; the cursor drops the overlap, so it has no duplicate. The replay goes out
   * as fast as the reader takes it (see flush), however large it is.
   *
   * A reader the channel can serve from memory joins at once (see join), with no read
   * from Postgres: a crowd reconnecting after a restart or a network blip costs the
   * database nothing. A failed read of the replay rejects, with the reader removed.
   */
  async subscribe(eventId: string, cursor: number, sink: Sink, via: StreamChannel = "page"): Promise<() => void> {
    const joined = this.join(eventId, cursor, sink, via);
    if (joined) return joined;
    const channel = this.channelFor(eventId);
    const subscriber = this.add(channel, sink, cursor, [], via);
    const unsubscribe = () => this.remove(channel, subscriber);
    try {
      const backlog = await this.load(eventId, cursor, replayLimit + 1);
      if (backlog.length > replayLimit) {
        sink.write(encodeEvent("reset", { reason: "too far behind: reload the page" }));
        this.drop(channel, subscriber);
        return unsubscribe;
      }
      const replay = backlog.map(outgoing);
      // A channel that has not pulled yet learns its position from the first replay:
      // the next reader with the same cursor needs no read of its own.
      if (channel.delivered === null && channel.subscribers.has(subscriber)) {
        channel.delivered = replay.at(-1)?.seq ?? cursor;
        channel.recent = replay.slice(-recentLimit);
      }
      subscriber.buffered = [...replay, ...(subscriber.buffered ?? [])];
      void this.flush(channel, subscriber);
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /**
   * Adds a reader synchronously when the channel can serve it from memory: it is up to
   * date, or within the channel's recent messages, which are written to it now. That is
   * nearly every reader of a live event, and joining them makes no promise and waits for
   * nothing, which matters when thousands arrive each second. Undefined (and nothing
   * done) when only the change log can say what the reader missed: then subscribe().
   */
  join(eventId: string, cursor: number, sink: Sink, via: StreamChannel = "page"): (() => void) | undefined {
    const channel = this.channels.get(eventId);
    const fromMemory = channel ? this.replayFromMemory(channel, cursor) : null;
    if (!channel || !fromMemory) return undefined;
    const subscriber = this.add(channel, sink, cursor, fromMemory.length > 0 ? fromMemory : null, via);
    if (subscriber.buffered) void this.flush(channel, subscriber);
    return () => this.remove(channel, subscriber);
  }

  private add(
    channel: Channel,
    sink: Sink,
    cursor: number,
    buffered: Outgoing[] | null,
    via: StreamChannel,
  ): Subscriber {
    const subscriber: Subscriber = { sink, cursor, buffered, beat: this.joins++ % beatsPerCycle, via };
    // A new reader's stream is empty: the current states go first, before any replay.
    for (const bytes of channel.states.values()) sink.write(bytes);
    channel.subscribers.add(subscriber);
    this.count++;
    readerJoined();
    this.startHeartbeat();
    return subscriber;
  }

  /**
   * What a reader at `cursor` is missing, when the channel knows it without Postgres:
   * nothing if it is at or past what the channel delivered (every later change reaches
   * it live), or the tail of `recent`, which holds the channel's last messages with no gap
   * up to `delivered`. Null when only the change log can say.
   */
  private replayFromMemory(channel: Channel, cursor: number): Outgoing[] | null {
    if (channel.delivered === null) return null;
    if (cursor >= channel.delivered) return [];
    const first = channel.recent[0];
    if (!first || cursor < first.seq - 1) return null;
    return channel.recent.filter((message) => message.seq > cursor);
  }

  /**
   * From the listener: event `eventId` has committed change `seq`, and here it is when
   * it fitted in the notification (lib/realtime/notify.ts). The change is used only in
   * its turn, right after the one delivered before it; anything else is read from the log.
   */
  notify(eventId: string, seq: number, change?: ChangeMessage): void {
    const channel = this.channels.get(eventId);
    if (!channel) return; // nobody in this process reads that event
    notifyReceived(eventId, seq);
    if (change && seq > (channel.delivered ?? -1) && channel.announced.size < announcedLimit) {
      channel.announced.set(seq, change);
    }
    channel.target = Math.max(channel.target, seq);
    channel.wakes++;
    void this.pull(channel);
  }

  /**
   * For a graceful shutdown: every reader gets its own jittered `retry:` and the end of its
   * stream, so EventSource reconnects — through the load balancer, to another process —
   * spread over a few seconds rather than all at once, and resumes from its Last-Event-ID.
   * Streams asked for after this get the same (see lib/realtime/go-away.ts).
   */
  disconnectAll(): number {
    this.closing = true;
    let readers = 0;
    for (const channel of [...this.channels.values()]) {
      for (const subscriber of [...channel.subscribers]) {
        subscriber.sink.write(encodeRetry(goAwayRetryMs, goAwayJitterMs));
        this.drop(channel, subscriber);
        readers++;
      }
    }
    return readers;
  }

  /**
   * Watches channels open and close (lib/reactions/reaction-feed.ts keeps the totals of
   * the events this process has readers on). Returns the function that stops watching.
   */
  watchChannels(watcher: ChannelWatcher): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Events this process has readers on now. */
  eventIds(): string[] {
    return [...this.channels.keys()];
  }

  hasReaders(eventId: string): boolean {
    return this.channels.has(eventId);
  }

  /**
   * Replaces the event's state `name` (e.g. reaction totals): `snapshot` is what readers
   * who join from now on get first (null: nothing); `update`, when given, goes to every
   * reader already here, in order with the changes (queued behind a replay or a full
   * stream, like them). Nothing is kept for an event without readers here.
   */
  publishState(eventId: string, name: string, snapshot: Uint8Array | null, update: Uint8Array | null): void {
    const channel = this.channels.get(eventId);
    if (!channel) return;
    if (snapshot) channel.states.set(name, snapshot);
    else channel.states.delete(name);
    if (!update) return;
    void this.fanOut(channel, { seq: -1, bytes: update, last: false, state: true });
  }

  /** After the listener reconnects: notifications may have been missed, read what exists. */
  resync(): void {
    for (const channel of this.channels.values()) {
      channel.target = Number.MAX_SAFE_INTEGER;
      channel.wakes++;
      void this.pull(channel);
    }
  }

  private channelFor(eventId: string): Channel {
    let channel = this.channels.get(eventId);
    if (!channel) {
      channel = {
        eventId,
        subscribers: new Set(),
        delivered: null,
        recent: [],
        target: 0,
        wakes: 0,
        announced: new Map(),
        pulling: false,
        states: new Map(),
        fanning: null,
        stating: null,
      };
      this.channels.set(eventId, channel);
      for (const watcher of this.watchers) watcher.opened(eventId);
    }
    return channel;
  }

  private async pull(channel: Channel): Promise<void> {
    if (channel.pulling) return;
    channel.pulling = true;
    try {
      while (channel.subscribers.size > 0 && (channel.delivered ?? -1) < channel.target) {
        // Before its first pull a channel has delivered nothing: its readers' replays
        // covered everything up to the change that woke it (or, after a reconnect, up
        // to the oldest reader's cursor).
        channel.delivered ??=
          channel.target === Number.MAX_SAFE_INTEGER ? this.oldestCursor(channel) : channel.target - 1;
        const wakes = channel.wakes;
        const changes = this.announcedRun(channel) ?? (await this.load(channel.eventId, channel.delivered, pullPage));
        if (changes.length === 0) {
          // A notification that came in during the read may announce a change the read
          // did not see (after a resync, target is already MAX and cannot show it): read again.
          if (channel.wakes !== wakes) continue;
          channel.target = channel.delivered;
          break;
        }
        const messages = changes.map(outgoing); // each encoded once, for every subscriber
        for (let from = 0; from < messages.length;) {
          const batch = batchOf(messages, from);
          await this.deliver(channel, batch);
          from += batch.length;
        }
      }
    } catch (error) {
      logger().error(
        { err: error, eventId: channel.eventId },
        "fan-out: reading the change log failed; retrying in 1 s",
      );
      setTimeout(() => void this.pull(channel), 1000).unref();
    } finally {
      channel.pulling = false;
    }
  }

  /**
   * The changes announced from the one after `delivered` on, without a gap: what can be
   * fanned out without reading the log. Several when they came in during the last fan-out.
   * Null when the next change was not announced.
   */
  private announcedRun(channel: Channel): ChangeMessage[] | null {
    const run: ChangeMessage[] = [];
    for (let seq = (channel.delivered ?? -1) + 1; run.length < batchChanges; seq++) {
      const change = channel.announced.get(seq);
      if (!change) break;
      run.push(change);
    }
    return run.length > 0 ? run : null;
  }

  /**
   * Consecutive changes to every subscriber as one message, in slices (see fanoutSlice).
   * The channel pulls a batch at a time, so each reader still gets changes in order. A
   * reader who joins mid-way replays these changes from `recent` and may also be reached
   * by the loop (a Set iterator visits additions); its cursor drops what it has. One who
   * leaves is skipped.
   */
  private async deliver(channel: Channel, parts: Outgoing[]): Promise<void> {
    const last = parts.at(-1)!.seq;
    channel.delivered = last;
    for (const seq of channel.announced.keys()) if (seq <= last) channel.announced.delete(seq);
    channel.recent.push(...parts);
    if (channel.recent.length > recentLimit) channel.recent.splice(0, channel.recent.length - recentLimit);
    await this.fanOut(channel, parts.length === 1 ? parts[0]! : joined(parts));
    for (const { seq } of parts) changeFannedOut(channel.eventId, seq, channel.subscribers.size);
  }

  /**
   * Writes `message` to every subscriber, in slices (see fanoutSlice), after the fan-out of
   * its kind in flight if there is one: changes in their order, states (a storm's counts,
   * twice a second) in theirs, and neither holds the event loop for more than a slice. A
   * state does not wait for a change: counts and posts are independent, and a count that
   * waited behind each post's fan-out would reach readers later. With none in flight the
   * first slice is written at once.
   */
  private fanOut(channel: Channel, message: Outgoing): Promise<void> {
    const queue = message.state ? "stating" : "fanning";
    const ahead = channel[queue];
    const run = ahead ? ahead.then(() => this.writeAll(channel, message)) : this.writeAll(channel, message);
    channel[queue] = run;
    void run.then(() => {
      if (channel[queue] === run) channel[queue] = null;
    });
    return run;
  }

  /** Never rejects: the fan-outs queued behind this one must still run. */
  private async writeAll(channel: Channel, message: Outgoing): Promise<void> {
    try {
      const slice = message.state ? stateSlice : fanoutSlice;
      let written = 0;
      for (const subscriber of channel.subscribers) {
        this.send(channel, subscriber, message);
        if (++written % slice === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      logger().error({ err: error, eventId: channel.eventId, seq: message.seq }, "fan-out: writing failed");
    }
  }

  private send(channel: Channel, subscriber: Subscriber, message: Outgoing): void {
    if (subscriber.buffered) {
      subscriber.buffered.push(message);
    } else if (subscriber.sink.full()) {
      subscriber.buffered = [message];
      void this.flush(channel, subscriber);
    } else {
      this.write(channel, subscriber, message);
    }
  }

  /**
   * Writes a reader's waiting messages, pausing whenever its stream is full until the
   * reader has taken what it has. A reader who does not drain in time (the sink decides:
   * a few seconds) or falls more than `replayLimit` messages behind is cut off; its
   * browser reconnects and resumes from its Last-Event-ID. Runs without pausing, and so
   * synchronously, while the reader keeps up.
   */
  private async flush(channel: Channel, subscriber: Subscriber): Promise<void> {
    const queue = subscriber.buffered ?? [];
    let next = 0;
    while (next < queue.length) {
      if (queue.length - next > replayLimit) return this.dropSlow(channel, subscriber);
      if (subscriber.sink.full() && !(await subscriber.sink.drained())) return this.dropSlow(channel, subscriber);
      if (!channel.subscribers.has(subscriber)) return;
      if (!this.write(channel, subscriber, queue[next++]!)) return;
      if (next === 256) {
        queue.splice(0, next); // let written messages go
        next = 0;
      }
    }
    subscriber.buffered = null;
  }

  /** False when the reader is gone (closed, or closed because this was `ended`). */
  private write(channel: Channel, subscriber: Subscriber, { seq, bytes, last, state, parts }: Outgoing): boolean {
    if (state) {
      if (subscriber.sink.write(bytes)) return true;
      this.drop(channel, subscriber);
      return false;
    }
    if (seq <= subscriber.cursor) return true;
    if (parts && parts[0]!.seq <= subscriber.cursor) {
      // The reader has the start of this batch (from its replay): only the rest.
      for (const part of parts) if (!this.write(channel, subscriber, part)) return false;
      return true;
    }
    subscriber.cursor = seq;
    // After `ended` there is nothing more to say: close, and the browser stops.
    if (subscriber.sink.write(bytes) && !last) return true;
    this.drop(channel, subscriber);
    return false;
  }

  private oldestCursor(channel: Channel): number {
    let oldest = Number.MAX_SAFE_INTEGER;
    for (const subscriber of channel.subscribers) oldest = Math.min(oldest, subscriber.cursor);
    return oldest;
  }

  /** Cuts a reader off (too slow, or sent a reset): its browser reconnects and resumes. */
  private drop(channel: Channel, subscriber: Subscriber): void {
    this.remove(channel, subscriber);
    subscriber.sink.close();
  }

  private dropSlow(channel: Channel, subscriber: Subscriber): void {
    slowReaderDropped();
    this.drop(channel, subscriber);
  }

  private remove(channel: Channel, subscriber: Subscriber): void {
    if (!channel.subscribers.delete(subscriber)) return;
    this.count--;
    readerLeft();
    if (channel.subscribers.size === 0 && this.channels.get(channel.eventId) === channel) {
      this.channels.delete(channel.eventId);
      for (const watcher of this.watchers) watcher.closed(channel.eventId);
    }
    if (this.count === 0) this.stopHeartbeat();
  }

  /**
   * Cuts off the readers who are stalled at `now` (each sink decides what that means) and
   * writes the heartbeat to those whose beat is `due` (none when it is left out). The
   * timer calls it every sweepMs with the real clock; a test may pass a clock of its own.
   */
  sweep(now: number, due = -1): void {
    for (const channel of this.channels.values()) {
      for (const subscriber of channel.subscribers) {
        if (subscriber.sink.stalled(now)) this.dropSlow(channel, subscriber);
        else if (subscriber.beat === due && !subscriber.sink.write(heartbeat)) this.drop(channel, subscriber);
      }
    }
  }

  // One timer for the whole process, not one per connection: every second it cuts off
  // readers who stopped reading and writes the heartbeat comment to a fifteenth of them,
  // so each reader gets one every 15 s. Spread out, the heartbeats never cost a burst as
  // large as a post's fan-out (which a publish or a fan-out would then wait behind).
  private startHeartbeat(): void {
    let ticks = 0;
    this.heartbeatTimer ??= setInterval(() => this.sweep(Date.now(), ++ticks % beatsPerCycle), sweepMs);
    this.heartbeatTimer.unref?.();
  }

  private stopHeartbeat(): void {
    clearInterval(this.heartbeatTimer);
    this.heartbeatTimer = undefined;
  }
}

function outgoing(change: ChangeMessage): Outgoing {
  return { seq: change.seq, bytes: encodeChange(change), last: change.type === "ended" };
}

/**
 * The messages from `from` on that go out as one write: up to batchChanges and batchBytes,
 * and never past one that ends the stream.
 */
function batchOf(messages: Outgoing[], from: number): Outgoing[] {
  let end = from + 1;
  let bytes = messages[from]!.bytes.length;
  while (end < messages.length && end - from < batchChanges && !messages[end - 1]!.last) {
    bytes += messages[end]!.bytes.length;
    if (bytes > batchBytes) break;
    end++;
  }
  return messages.slice(from, end);
}

/** Several changes as one message (see Outgoing): their bytes end to end, in order. */
function joined(parts: Outgoing[]): Outgoing {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.bytes.length, 0));
  let at = 0;
  for (const part of parts) {
    bytes.set(part.bytes, at);
    at += part.bytes.length;
  }
  return { seq: parts.at(-1)!.seq, bytes, last: parts.at(-1)!.last, parts };
}

const key = Symbol.for("herald.broadcaster");
const store = globalThis as unknown as Record<symbol, Broadcaster | undefined>;

/** This process's broadcaster, shared by every module graph Next builds. */
export function broadcaster(): Broadcaster {
  return (store[key] ??= new Broadcaster());
}
