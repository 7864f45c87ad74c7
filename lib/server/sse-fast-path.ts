import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { env } from "@/lib/env";
import { answerNode, answerSocket } from "@/lib/realtime/node-sse";
import { openStream, openStreamNow, type StreamAnswer } from "@/lib/realtime/open-stream";
import { streamRequestFromHead, streamRequestOf, type StreamRequest } from "./stream-request";

/**
 * The production server's way to the reader's SSE stream: GET /api/events/<slug>/stream
 * on plain Node streams, before the request reaches Next. The answer comes from the same
 * lib/realtime/open-stream.ts as the route handler's (which stays the canonical endpoint,
 * and serves under `next dev`, `next start` and with HERALD_SSE_FAST_PATH=0); only how it
 * is written differs, and it costs a fraction of the memory and CPU per reader
 * (docs/performance.md). Returns false for anything else: Next handles it.
 */
export function serveStreamFast(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET" || !env().HERALD_SSE_FAST_PATH) return false;
  const header = request.headers["last-event-id"];
  const wanted = streamRequestOf(request.url ?? "", typeof header === "string" ? header : undefined);
  if (!wanted) return false;
  open(wanted, (answer) => answerNode(response, answer));
  return true;
}

/**
 * A stream process's front door (scripts/stream-worker.ts) has read a new connection's
 * first bytes. If they are one whole, plain request for a stream, it is answered on the
 * socket itself, without node:http: no parser, request or response objects per reader,
 * which is most of what accepting a reader cost (docs/performance.md). Returns false for
 * anything else, and the socket goes to node:http untouched.
 */
export function serveStreamOnSocket(socket: Socket, head: string): boolean {
  if (!env().HERALD_SSE_FAST_PATH) return false;
  const wanted = streamRequestFromHead(head);
  if (!wanted) return false;
  // The socket is this stream's alone. What the client sends after its request is read
  // and dropped, so that its end (EOF) is seen and closes the connection; the front
  // door's 'error' listener (scripts/cluster/first-bytes.ts) stays, and destroys it.
  socket.setNoDelay(true);
  socket.resume();
  open(wanted, (answer) => answerSocket(socket, answer));
  return true;
}

/**
 * Whether serveStreamOnSocket would answer this head: a reader process hands such a
 * request, come on a connection it serves, to a stream process (scripts/server-worker.ts).
 */
export function answeredOnSocket(head: string): boolean {
  return env().HERALD_SSE_FAST_PATH && streamRequestFromHead(head) !== null;
}

/** Answers at once when memory has the answer (nearly every reader: no promise made), else after Postgres has. */
function open(wanted: StreamRequest, answer: (answer: StreamAnswer) => void): void {
  const now = openStreamNow(wanted.slug, wanted.lastEventId);
  if (now) return answer(now);
  openStream(wanted.slug, wanted.lastEventId).then(answer, (error: unknown) => {
    console.error("[herald] could not open a stream", error);
    answer(unavailable);
  });
}

const unavailable: StreamAnswer = {
  kind: "text",
  status: 503,
  message: "The stream is unavailable; try again shortly.",
  retryAfter: "5",
};
