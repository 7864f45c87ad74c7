import { pollsEventName, type PollResults } from "@/lib/shared/polls";
import { reactionsEventName, type ReactionTotals } from "@/lib/shared/reactions";
import type { StreamChannel } from "@/lib/shared/reader-channels";
import type { ChangeKind, ChangeMessage } from "@/lib/shared/types";

export type LiveStatus =
  | { state: "connecting" }
  | { state: "live" }
  | { state: "reconnecting"; inSeconds: number | null }
  | { state: "polling" }
  | { state: "ended" }
  | { state: "offline" };

type Options = {
  slug: string;
  /** The change the page was rendered at: the stream starts after it. */
  fromSeq: number;
  onChange: (change: ChangeMessage) => void;
  onStatus: (status: LiveStatus) => void;
  /** Which page follows the event ("embed", the console's "desk"): counted apart (analytics). */
  via?: StreamChannel;
  /**
   * Reaction counts by post (`event: reactions`, outside the change sequence); `snapshot`:
   * all of the event's, polled, perhaps seconds old (lib/shared/merge-counts.ts).
   */
  onReactions?: (totals: ReactionTotals, snapshot: boolean) => void;
  /** Poll counts by poll (`event: polls`, outside the change sequence), the same way. */
  onPolls?: (results: PollResults, snapshot: boolean) => void;
};

type Updates = { changes: ChangeMessage[]; ended: boolean; reset: boolean; pollAfterMs: number | null };

const kinds: ChangeKind[] = ["post.published", "post.updated", "post.deleted", "event.updated", "ended"];
/** Consecutive stream failures (no successful open in between) before falling back to polling. */
const failuresBeforePolling = 3;
/** While polling, try the stream again this often: the network may have changed. */
const streamRetryWhilePollingMs = 60_000;

/**
 * A reader's connection to an event: EventSource first, the polling endpoint when streams
 * keep failing (proxies that buffer or cut them), nothing at all once the event has ended.
 * Every change is applied once, in order: anything at or below the last seq is ignored.
 */
export class LiveConnection {
  private lastSeq: number;
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private countdown: ReturnType<typeof setInterval> | undefined;
  private failures = 0;
  private polling = false;
  private lastStreamAttempt = 0;
  private stopped = false;
  /** A random id sent with each poll so the server can count distinct pollers; never stored. */
  private pollerId: string | null = null;

  constructor(private readonly options: Options) {
    this.lastSeq = options.fromSeq;
  }

  start(): void {
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
    if (!navigator.onLine) this.status({ state: "offline" });
    else this.openStream();
  }

  stop(): void {
    this.stopped = true;
    this.closeStream();
    clearTimeout(this.timer);
    clearInterval(this.countdown);
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
  }

  private openStream(): void {
    this.closeStream();
    this.lastStreamAttempt = Date.now();
    if (!this.polling)
      this.status({ state: this.failures ? "reconnecting" : "connecting", inSeconds: null } as LiveStatus);
    const via = this.options.via && this.options.via !== "page" ? `&via=${this.options.via}` : "";
    const url = `/api/events/${encodeURIComponent(this.options.slug)}/stream?lastEventId=${this.lastSeq}${via}`;
    const source = new EventSource(url);
    this.source = source;
    for (const kind of kinds) source.addEventListener(kind, this.onMessage);
    source.addEventListener(reactionsEventName, this.onReactions);
    source.addEventListener(pollsEventName, this.onPolls);
    // The server cannot resume us from where we are: start over from a fresh page.
    source.addEventListener("reset", () => window.location.reload());
    source.onopen = () => {
      this.failures = 0;
      this.polling = false;
      clearTimeout(this.timer);
      this.status({ state: "live" });
    };
    source.onerror = () => this.onStreamError(source);
  }

  private onMessage = (message: MessageEvent<string>) => {
    const seq = Number(message.lastEventId);
    const data = JSON.parse(message.data) as Omit<ChangeMessage, "seq" | "type">;
    this.apply({ ...data, seq, type: message.type as ChangeKind });
  };

  private onReactions = (message: MessageEvent<string>) => {
    try {
      this.options.onReactions?.(JSON.parse(message.data) as ReactionTotals, false);
    } catch {
      // A garbled update is skipped; the next one carries current counts.
    }
  };

  private onPolls = (message: MessageEvent<string>) => {
    try {
      this.options.onPolls?.(JSON.parse(message.data) as PollResults, false);
    } catch {
      // A garbled update is skipped; the next one carries current counts.
    }
  };

  private apply(change: ChangeMessage): void {
    if (!Number.isSafeInteger(change.seq) || change.seq <= this.lastSeq) return; // already applied
    this.lastSeq = change.seq;
    this.options.onChange(change);
    if (change.type === "ended") this.end();
  }

  private onStreamError(source: EventSource): void {
    if (this.stopped || source !== this.source) return;
    this.failures++;
    if (!navigator.onLine) return this.onOffline();
    if (this.polling) return this.closeStream(); // a retry while polling failed: keep polling
    if (this.failures >= failuresBeforePolling) {
      this.closeStream();
      return this.startPolling();
    }
    if (source.readyState === EventSource.CONNECTING) {
      // The browser retries by itself after the server's `retry:` delay.
      this.status({ state: "reconnecting", inSeconds: null });
      return;
    }
    // Closed for good (an HTTP error such as 503): retry ourselves, backing off.
    this.closeStream();
    this.retryIn(Math.min(30, 2 ** this.failures + Math.random() * 2));
  }

  private retryIn(seconds: number): void {
    let left = Math.ceil(seconds);
    this.status({ state: "reconnecting", inSeconds: left });
    clearInterval(this.countdown);
    this.countdown = setInterval(() => {
      left = Math.max(0, left - 1);
      this.status({ state: "reconnecting", inSeconds: left });
    }, 1000);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      clearInterval(this.countdown);
      this.openStream();
    }, seconds * 1000);
  }

  private startPolling(): void {
    this.polling = true;
    this.status({ state: "polling" });
    void this.poll();
  }

  private async poll(): Promise<void> {
    if (this.stopped) return;
    let next = 5_000;
    // getRandomValues, unlike randomUUID, works on plain http too.
    this.pollerId ??= Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
      b.toString(16).padStart(2, "0"),
    ).join("");
    try {
      // The id travels in a header, not the URL, so a CDN still caches one answer for all.
      const response = await fetch(
        `/api/events/${encodeURIComponent(this.options.slug)}/updates?since=${this.lastSeq}`,
        {
          headers: { "X-Herald-Poller": this.pollerId },
        },
      );
      if (response.ok) {
        const updates = (await response.json()) as Updates;
        if (updates.reset) return window.location.reload();
        for (const change of updates.changes) this.apply(change);
        if (updates.ended || this.stopped) return this.end();
        next = updates.pollAfterMs ?? next;
        await this.pollTallies();
      }
    } catch {
      if (!navigator.onLine) return this.onOffline();
    }
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (Date.now() - this.lastStreamAttempt > streamRetryWhilePollingMs) this.openStream();
      void this.poll();
    }, next);
  }

  /**
   * While polling, the counts the stream's `reactions` and `polls` events would have carried:
   * all of the event's, a few seconds old at most (a shared cache keeps them for everyone).
   */
  private async pollTallies(): Promise<void> {
    const { onReactions, onPolls, slug } = this.options;
    if (!onReactions && !onPolls) return;
    const response = await fetch(`/api/events/${encodeURIComponent(slug)}/tallies`);
    if (!response.ok || this.stopped) return;
    const { reactions, polls } = (await response.json()) as { reactions: ReactionTotals; polls: PollResults };
    onReactions?.(reactions, true);
    onPolls?.(polls, true);
  }

  /** The event is over: no more network activity of any kind. */
  private end(): void {
    this.stop();
    this.options.onStatus({ state: "ended" });
  }

  private closeStream(): void {
    this.source?.close();
    this.source = null;
  }

  private onOnline = () => {
    this.failures = 0;
    this.polling = false;
    clearTimeout(this.timer);
    clearInterval(this.countdown);
    this.openStream();
  };

  private onOffline = () => {
    this.closeStream();
    clearTimeout(this.timer);
    clearInterval(this.countdown);
    this.status({ state: "offline" });
  };

  private status(status: LiveStatus): void {
    if (!this.stopped) this.options.onStatus(status);
  }
}
