import "server-only";
import { goAwayJitterMs, goAwayRetryMs, type Sink } from "./broadcaster";
import { startStream, type StreamAnswer } from "./open-stream";
import { encodeEvent, encodeRetry } from "./sse";

// The Web-streams adapter: serves lib/realtime/open-stream.ts's answer as a Response
// from the route handler (app/api/events/[slug]/stream/route.ts). The production server
// serves the same answers on plain Node streams (lib/realtime/node-sse.ts).

/**
 * At most this many bytes wait in a reader's stream; further messages wait their turn
 * (as shared references) until the reader has taken what it has.
 */
export const maxQueuedBytes = 64 * 1024;
/** A reader whose bytes wait this long without the socket taking them is cut off. */
export const maxStallMs = 5_000;

export const sseHeaders = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
  // nginx and others buffer responses by default, which would hold updates back.
  "X-Accel-Buffering": "no",
};

/** The Response for what openStream() decided. */
export function answerResponse(request: Request, answer: StreamAnswer): Response {
  switch (answer.kind) {
    case "text": {
      const headers: Record<string, string> = { "Content-Type": "text/plain; charset=utf-8" };
      if (answer.retryAfter) headers["Retry-After"] = answer.retryAfter;
      return new Response(answer.message, { status: answer.status, headers });
    }
    case "no-content":
      return new Response(null, { status: 204 });
    case "reset":
      return resetResponse();
    case "go-away":
      // A jittered `retry:` and the end of the stream: EventSource reconnects after that
      // delay (a 503 would make it give up), and `Connection: close` makes the reconnect a
      // new connection, which the load balancer sends to a process still running.
      return new Response(encodeRetry(goAwayRetryMs, goAwayJitterMs), {
        headers: { ...sseHeaders, Connection: "close" },
      });
    case "stream":
      return sseResponse(request, answer);
  }
}

/** The SSE response for one reader of `eventId` who has seen changes up to `cursor`. */
function sseResponse(request: Request, answer: { eventId: string; cursor: number }): Response {
  // Resolved when the reader has taken everything queued (the stream pulls for more).
  let drainWaiters: ((drained: boolean) => void)[] = [];
  const releaseDrainWaiters = (drained: boolean) => {
    for (const resolve of drainWaiters) resolve(drained);
    drainWaiters = [];
  };
  let closed = false;
  let unsubscribe: (() => void) | undefined;
  const stop = () => {
    closed = true;
    releaseDrainWaiters(false);
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
            if (closed) return false;
            controller.enqueue(chunk);
            if (queued() > 0) waitingSince ||= Date.now();
            return true;
          },
          full: () => queued() > maxQueuedBytes,
          drained() {
            if (closed) return Promise.resolve(false);
            if (queued() <= 0) return Promise.resolve(true);
            return new Promise((resolve) => {
              drainWaiters.push(resolve);
              setTimeout(() => resolve(false), maxStallMs).unref();
            });
          },
          stalled(now) {
            if (queued() <= 0) waitingSince = 0;
            return waitingSince > 0 && now - waitingSince > maxStallMs;
          },
          close() {
            if (closed) return;
            closed = true;
            releaseDrainWaiters(false);
            controller.close();
          },
        };
        startStream(answer, sink, (off) => (closed ? off() : (unsubscribe = off)));
      },
      // Called when the reader has taken everything queued and wants more.
      pull: () => releaseDrainWaiters(true),
      cancel: stop,
    },
    new ByteLengthQueuingStrategy({ highWaterMark: 0 }),
  );
  request.signal.addEventListener("abort", stop, { once: true });
  return new Response(stream, { headers: sseHeaders });
}

/** For a reader whose Last-Event-ID is ahead of the log: start again from a fresh page. */
function resetResponse(): Response {
  const body = new Blob([encodeRetry(1_000, 4_000), encodeEvent("reset", { reason: "unknown position: reload" })]);
  return new Response(body, { headers: sseHeaders });
}
