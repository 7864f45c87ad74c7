import "server-only";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import type { StreamChannel } from "@/lib/shared/reader-channels";
import { broadcaster, type Broadcaster, type Sink } from "./broadcaster";
import { ensureListener } from "./listener";
import { knownStreamEvent, streamEvent, type StreamEvent } from "./stream-event";

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
  /** `via`: the page's or the embed's stream, counted apart for the desk's analytics. */
  | { kind: "stream"; eventId: string; cursor: number; via: StreamChannel };

/**
 * `lastEventId` is the Last-Event-ID header (sent by EventSource on reconnect) or else
 * the `lastEventId` query (the sequence the page was rendered at); without either the
 * reader starts from now. `via` says which page opened it (the `?via=` query).
 */
export async function openStream(
  slug: string,
  lastEventId: string | null,
  via: StreamChannel = "page",
): Promise<StreamAnswer> {
  const refused = refusal(lastEventId);
  if (refused) return refused;
  const position = positionOf(lastEventId);
  let event = await streamEvent(slug);
  if (event && needsFreshRead(event, position)) event = await streamEvent(slug, { fresh: true });
  return answerFor(event, position, via);
}

/**
 * openStream()'s answer without waiting, when memory has it: the event was looked up in
 * this process within the last second (so for nearly every reader of a busy event), or
 * the request is refused anyway. Undefined when only Postgres can say: then openStream().
 * The production server asks this first, so that accepting a reader makes no promise.
 */
export function openStreamNow(
  slug: string,
  lastEventId: string | null,
  via: StreamChannel = "page",
): StreamAnswer | undefined {
  const refused = refusal(lastEventId);
  if (refused) return refused;
  const position = positionOf(lastEventId);
  const event = knownStreamEvent(slug);
  if (!event || needsFreshRead(event, position)) return undefined;
  return answerFor(event, position, via);
}

/** Answers given before the event is looked up. */
function refusal(lastEventId: string | null): StreamAnswer | null {
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
  return null;
}

/** The reader's position, if it said; else (null) wherever the event is now. */
function positionOf(lastEventId: string | null): number | null {
  return lastEventId ? Number(lastEventId) : null;
}

/** Past the cached position, or about to be told to stop: ask Postgres itself. */
function needsFreshRead(event: StreamEvent, position: number | null): boolean {
  return (position ?? event.lastSeq) > event.lastSeq || event.status === "ENDED";
}

function answerFor(event: StreamEvent | null, position: number | null, via: StreamChannel): StreamAnswer {
  if (!event || event.status === "DRAFT") return { kind: "text", status: 404, message: "No such event." };
  const cursor = position ?? event.lastSeq;
  if (cursor > event.lastSeq) return { kind: "reset" };
  // An ended event has no future: a reader who has everything gets 204, which tells
  // EventSource to stop reconnecting; one who missed the end gets it replayed, then EOF.
  if (event.status === "ENDED" && cursor >= event.lastSeq) return { kind: "no-content" };
  return { kind: "stream", eventId: event.id, cursor, via };
}

/**
 * Starts sending a reader its stream: the replay after `cursor`, then every change live,
 * through `sink` (the adapter's view of its socket). `started` gets the unsubscribe
 * function: in the same tick for a reader the broadcaster serves from memory (nearly
 * all: see Broadcaster.join), else once the replay has been read. If that read fails,
 * the stream ends, and the reader reconnects and resumes from its Last-Event-ID.
 */
export function startStream(
  answer: { eventId: string; cursor: number; via?: StreamChannel },
  sink: Sink,
  started: (unsubscribe: () => void) => void,
  hub: Broadcaster = broadcaster(),
): void {
  ensureListener();
  const joined = hub.join(answer.eventId, answer.cursor, sink, answer.via);
  if (joined) return started(joined);
  hub.subscribe(answer.eventId, answer.cursor, sink, answer.via).then(started, (error: unknown) => {
    logger().error({ err: error, eventId: answer.eventId }, "could not read a reader's replay; ending its stream");
    sink.close();
  });
}
