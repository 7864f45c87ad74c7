import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { env } from "@/lib/env";
import { answerNode } from "@/lib/realtime/node-sse";
import { openStream, type StreamAnswer } from "@/lib/realtime/open-stream";

const streamUrl = /^\/api\/events\/([^/?#]+)\/stream(?:\?([^#]*))?$/;

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
  const match = streamUrl.exec(request.url ?? "");
  if (!match) return false;
  let slug: string;
  try {
    slug = decodeURIComponent(match[1]!);
  } catch {
    return false; // Next answers malformed URLs as it always does
  }
  const header = request.headers["last-event-id"];
  const lastEventId =
    typeof header === "string" ? header : match[2] ? new URLSearchParams(match[2]).get("lastEventId") : null;
  openStream(slug, lastEventId).then(
    (answer) => answerNode(response, answer),
    (error: unknown) => {
      console.error("[herald] could not open a stream", error);
      answerNode(response, unavailable);
    },
  );
  return true;
}

const unavailable: StreamAnswer = {
  kind: "text",
  status: 503,
  message: "The stream is unavailable; try again shortly.",
  retryAfter: "5",
};
