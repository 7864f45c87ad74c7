import "server-only";
import pg from "pg";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { listenerLost, listenerUp } from "@/lib/observability/metrics";
import { presenceChannel, presenceHub } from "@/lib/presence/hub";
import { pollFeed } from "@/lib/polls/poll-feed";
import { reactionFeed } from "@/lib/reactions/reaction-feed";
import { parseTallyPayload, tallyChannel } from "@/lib/tally/channel";
import { eventChanged, listening } from "./change-watchers";
import { broadcaster } from "./broadcaster";
import { notifyChannel, parseNotifyPayload } from "./notify";
import { startReaderCounts } from "./reader-counts";

/**
 * The process's one LISTEN connection. It must be a session-mode connection of its own
 * (DATABASE_URL_DIRECT), never a pooled one: LISTEN belongs to a session. On loss it
 * reconnects with backoff and asks the broadcaster to read whatever it missed.
 */
export class Listener {
  private client: pg.Client | null = null;
  private attempts = 0;
  private stopped = false;
  private stopReaderCounts: (() => void) | undefined;
  connected = false;
  reconnects = 0;

  constructor(private readonly url: string) {}

  start(): void {
    // The reader-count writer lives as long as the listener: from process start.
    this.stopReaderCounts ??= startReaderCounts();
    reactionFeed(); // watches the broadcaster's channels from now on
    pollFeed(); // the same, for poll results
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopReaderCounts?.();
    this.stopReaderCounts = undefined;
    const client = this.client;
    this.client = null;
    this.connected = false;
    listening(false);
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    // A bounded connect: an unreachable server must fail (and retry), not hang forever.
    const client = new pg.Client({ connectionString: this.url, keepAlive: true, connectionTimeoutMillis: 5_000 });
    this.client = client;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost || this.stopped) return;
      lost = true;
      this.connected = false;
      listening(false); // cached pages cannot hear about changes now
      logger().warn({ err: error, attempt: this.attempts + 1 }, "listener: LISTEN connection lost; reconnecting");
      void client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on("notification", (message) => this.onNotification(message.channel, message.payload));
    client.on("error", onLost);
    client.on("end", () => onLost());
    try {
      await client.connect();
      // Console presence (ephemeral heartbeats, lib/presence) on a channel of its own.
      await client.query(`LISTEN ${presenceChannel}`);
      // Reaction and poll (tally) totals changed: ephemeral too, coalesced per event (lib/tally/tally-feed.ts).
      await client.query(`LISTEN ${tallyChannel}`);
      await client.query(`LISTEN ${notifyChannel}`);
      this.connected = true;
      if (this.reconnects > 0) logger().info({ reconnects: this.reconnects }, "listener: reconnected; resyncing");
      this.attempts = 0;
      listening(true);
      listenerUp();
      // Anything committed while we were not listening has no notification coming.
      broadcaster().resync();
      reactionFeed().resync();
      pollFeed().resync();
    } catch (error) {
      onLost(error as Error);
    }
  }

  private scheduleReconnect(): void {
    this.reconnects++;
    listenerLost();
    const delay = Math.min(5_000, 250 * 2 ** this.attempts++) * (0.5 + Math.random() / 2);
    setTimeout(() => void this.connect(), delay).unref();
  }

  private onNotification(channel: string, payload: string | undefined): void {
    if (channel === presenceChannel) return presenceHub().receive(payload);
    if (channel === tallyChannel) {
      const tally = parseTallyPayload(payload);
      if (!tally) return;
      return void (tally.tally === "polls" ? pollFeed() : reactionFeed()).notified(tally.eventId);
    }
    const notice = parseNotifyPayload(payload ?? "");
    if (!notice) return;
    eventChanged(notice.eventId); // the stream tier's shared cache (runtime/front-door/shared-cache.ts)
    broadcaster().notify(notice.eventId, notice.seq, notice.change);
  }
}

const key = Symbol.for("herald.listener");
const store = globalThis as unknown as Record<symbol, Listener | undefined>;

/** Starts this process's listener once; later calls (and hot reloads) get the same one. */
export function ensureListener(): Listener {
  let listener = store[key];
  if (!listener) {
    listener = store[key] = new Listener(env().DATABASE_URL_DIRECT);
    listener.start();
  }
  return listener;
}

/** Whether this process's listener is started and LISTENing now (starts nothing). */
export function listenerConnected(): boolean {
  return store[key]?.connected === true;
}

/** Stops this process's listener, if it was started (graceful shutdown). */
export async function stopListener(): Promise<void> {
  await store[key]?.stop();
}
