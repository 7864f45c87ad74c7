// A LISTEN connection of the test's own (a separate pg.Client), to observe the NOTIFYs
// that writers send on commit.
import { inject } from "vitest";
import pg from "pg";
import { parseNotifyPayload } from "@/lib/realtime/notify";
import type { ChangeMessage } from "@/lib/shared/types";
import { waitUntil } from "./wait";

export type Notification = {
  channel: string;
  payload: string;
  eventId: string;
  seq: number;
  /** The change itself, when it rode along (lib/realtime/notify.ts). */
  change?: ChangeMessage;
};

export class TestListener {
  readonly received: Notification[] = [];
  private readonly handlers = new Set<(n: Notification) => void>();

  private constructor(private readonly client: pg.Client) {
    client.on("notification", (message) => {
      const payload = message.payload ?? "";
      const notice = parseNotifyPayload(payload) ?? { eventId: "", seq: Number.NaN };
      const n: Notification = { channel: message.channel, payload, ...notice };
      this.received.push(n);
      for (const handler of this.handlers) handler(n);
    });
  }

  static async start(channel: string): Promise<TestListener> {
    const client = new pg.Client({ connectionString: inject("databaseUrl") });
    await client.connect();
    await client.query(`LISTEN ${client.escapeIdentifier(channel)}`);
    return new TestListener(client);
  }

  /** Calls `handler` for every notification from now on; returns an "off" function. */
  onNotification(handler: (n: Notification) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  /** Notifications received so far about one event, in arrival order. */
  forEvent(eventId: string): Notification[] {
    return this.received.filter((n) => n.eventId === eventId);
  }

  async waitFor(eventId: string, count: number, timeoutMs = 30_000): Promise<Notification[]> {
    await waitUntil(() => this.forEvent(eventId).length >= count, {
      timeoutMs,
      message: `${count} notification(s) for event ${eventId}`,
    });
    return this.forEvent(eventId);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
