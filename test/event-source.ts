// A real EventSource client (the `eventsource` package, which follows the WHATWG spec:
// it reconnects by itself and sends Last-Event-ID), recording everything it receives.
import { EventSource } from "eventsource";
import { waitUntil } from "./wait";

/** The SSE event names Herald sends (lib/shared/types.ts ChangeKind, plus reset). */
export const sseEventNames = ["post.published", "post.updated", "post.deleted", "event.updated", "ended", "reset"];

export type Received = { type: string; id: string; data: string };

/** Unsequenced state events (no `id:`), recorded apart: their lastEventId is the last change's. */
export const sseStateNames = ["reactions", "polls"];

export class EventSourceRecorder {
  readonly received: Received[] = [];
  /** State events (sseStateNames), parsed, in arrival order. */
  readonly states: { type: string; data: unknown }[] = [];
  /** The Last-Event-ID header of each request the client made (null: none), in order. */
  readonly requests: (string | null)[] = [];
  readonly errors: { code: number | undefined; message: string | undefined }[] = [];
  opens = 0;
  readonly source: EventSource;

  /** `lastEventId` is sent as the Last-Event-ID header of the first request only. */
  constructor(url: string, options: { lastEventId?: string } = {}) {
    let first = true;
    this.source = new EventSource(url, {
      fetch: (input, init) => {
        const headers: Record<string, string> = { ...init.headers };
        if (first && options.lastEventId !== undefined) headers["Last-Event-ID"] = options.lastEventId;
        first = false;
        this.requests.push(headers["Last-Event-ID"] ?? null);
        return fetch(input, { ...init, headers });
      },
    });
    this.source.addEventListener("open", () => this.opens++);
    this.source.addEventListener("error", (event) => this.errors.push({ code: event.code, message: event.message }));
    for (const type of sseEventNames) {
      this.source.addEventListener(type, (event) => {
        this.received.push({ type, id: event.lastEventId, data: event.data as string });
      });
    }
    for (const type of sseStateNames) {
      this.source.addEventListener(type, (event) => this.states.push({ type, data: JSON.parse(event.data as string) }));
    }
  }

  /** The seqs of the change events received, in arrival order. */
  get ids(): number[] {
    return this.received.filter((r) => r.id !== "").map((r) => Number(r.id));
  }

  get open(): boolean {
    return this.source.readyState === EventSource.OPEN;
  }

  async waitForOpen(timeoutMs = 15_000): Promise<void> {
    await waitUntil(() => this.open, { timeoutMs, message: `the EventSource on ${this.source.url} to open` });
  }

  /** Waits until `count` change events have arrived in all. */
  async waitForChanges(count: number, timeoutMs = 15_000): Promise<number[]> {
    await waitUntil(() => this.ids.length >= count, { timeoutMs, message: `${count} change(s)` }).catch(
      (error: Error) => {
        throw new Error(`${error.message} On ${this.source.url}, received ids [${this.ids.join(",")}].`);
      },
    );
    return this.ids;
  }

  close(): void {
    this.source.close();
  }
}
