import "server-only";
import { broadcaster, type Sink } from "./broadcaster";
import { ensureListener } from "./listener";
import { encodeEvent, encodeRetry } from "./sse";

/** A reader whose unsent bytes pass this is cut off; its browser reconnects and resumes. */
export const maxQueuedBytes = 64 * 1024;
/** …and so is one whose bytes have waited this long without the socket taking them. */
export const maxStallMs = 5_000;

export const sseHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx and others buffer responses by default, which would hold updates back.
  "X-Accel-Buffering": "no",
};

/** The SSE response for one reader of `eventId` who has seen changes up to `cursor`. */
export function sseResponse(request: Request, eventId: string, cursor: number): Response {
  ensureListener();
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    closed = true;
    unsubscribe?.();
  };

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encodeRetry(1_000, 4_000));
        // desiredSize is minus the bytes still queued (byte-length strategy, high-water
        // mark 0): below zero, the socket has not taken everything we gave it.
        const queued = () => -(controller.desiredSize ?? 0);
        let waitingSince = 0;
        const sink: Sink = {
          write(chunk) {
            if (closed || queued() > maxQueuedBytes) return false;
            controller.enqueue(chunk);
            if (queued() > 0) waitingSince ||= Date.now();
            return true;
          },
          stalled(now) {
            if (queued() <= 0) waitingSince = 0;
            return waitingSince > 0 && now - waitingSince > maxStallMs;
          },
          close() {
            if (closed) return;
            closed = true;
            controller.close();
          },
        };
        broadcaster()
          .subscribe(eventId, cursor, sink)
          .then(
            (off) => (closed ? off() : (unsubscribe = off)),
            (error: unknown) => {
              console.error("[herald] could not start a stream", error);
              if (!closed) controller.error(error);
              closed = true;
            },
          );
      },
      cancel: stop,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  request.signal.addEventListener("abort", stop, { once: true });
  return new Response(stream, { headers: sseHeaders });
}

/** For a reader whose Last-Event-ID is ahead of the log: start again from a fresh page. */
export function resetResponse(): Response {
  const body = new Blob([encodeRetry(1_000, 4_000), encodeEvent("reset", { reason: "unknown position: reload" })]);
  return new Response(body, { headers: sseHeaders });
}
