import "server-only";
import { env } from "@/lib/env";
import { broadcaster, type Sink } from "./broadcaster";
import { ensureListener } from "./listener";
import { streamEvent } from "./stream-event";

/**
 * What to answer a request for /api/events/<slug>/stream. Decided here once for both
 * ways of serving it: the route handler (lib/realtime/sse-response.ts, Web streams) and
 * the production server's plain Node path (lib/realtime/node-sse.ts).
 */
export type StreamAnswer =
  | { kind: "text"; status: 400 | 404 | 503; message: string; retryAfter?: string }
  /** An ended event and a reader who has it all: 204 stops EventSource for good. */
  | { kind: "no-content" }
  /** The reader's Last-Event-ID is ahead of the log: one `reset` event, then EOF. */
  | { kind: "reset" }
  /** This process is shutting down: a jittered `retry:` sends the reader to another one. */
  | { kind: "go-away" }
  | { kind: "stream"; eventId: string; cursor: number };

/**
 * `lastEventId` is the Last-Event-ID header (sent by EventSource on reconnect) or else
 * the `lastEventId` query (the sequence the page was rendered at); without either the
 * reader starts from now.
 */
export async function openStream(slug: string, lastEventId: string | null): Promise<StreamAnswer> {
  if (broadcaster().closing) return { kind: "go-away" }; // shutting down: go to another process
  // Readers are capped per process so that a crowd cannot starve the newsroom: publishing
  // and the dashboard never pass through here. The jitter spreads the crowd's retries.
  if (broadcaster().readerCount >= env().HERALD_MAX_READERS) {
    const retryAfter = String(5 + Math.floor(Math.random() * 10));
    return { kind: "text", status: 503, message: "This server is full; try again shortly.", retryAfter };
  }
  if (lastEventId !== null && lastEventId !== "" && !/^\d{1,10}$/.test(lastEventId)) {
    return { kind: "text", status: 400, message: "Last-Event-ID must be a change number." };
  }
  // The reader's position, if it said; else wherever the event is now.
  const position = lastEventId ? Number(lastEventId) : null;
  let event = await streamEvent(slug);
  // Past the cached position, or about to be told to stop: ask Postgres itself.
  if (event && ((position ?? event.lastSeq) > event.lastSeq || event.status === "ENDED")) {
    event = await streamEvent(slug, { fresh: true });
  }
  if (!event || event.status === "DRAFT") return { kind: "text", status: 404, message: "No such event." };
  const cursor = position ?? event.lastSeq;
  if (cursor > event.lastSeq) return { kind: "reset" };
  // An ended event has no future: a reader who has everything gets 204, which tells
  // EventSource to stop reconnecting; one who missed the end gets it replayed, then EOF.
  if (event.status === "ENDED" && cursor >= event.lastSeq) return { kind: "no-content" };
  return { kind: "stream", eventId: event.id, cursor };
}

/**
 * Starts sending a reader its stream: the replay after `cursor`, then every change live,
 * through `sink` (the adapter's view of its socket). Resolves to the unsubscribe function.
 */
export function startStream(answer: { eventId: string; cursor: number }, sink: Sink): Promise<() => void> {
  ensureListener();
  return broadcaster().subscribe(answer.eventId, answer.cursor, sink);
}
