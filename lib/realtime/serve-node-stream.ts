import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/observability/logger";
import { answerNode } from "./node-sse";
import { openStream, openStreamNow, type StreamAnswer } from "./open-stream";
import { streamRequestOf } from "./stream-url";

/**
 * The stream tier's way to the reader's SSE stream (runtime/front-door/): GET
 * /api/events/<slug>/stream on node:http, through the same lib/realtime/open-stream.ts as
 * the route handler (which serves it under `next dev` and Next alone); only how it is
 * written differs, and it costs a fraction of the memory and CPU per reader
 * (docs/performance.md). Returns false for anything else.
 */
export function serveNodeStream(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "GET") return false;
  const header = request.headers["last-event-id"];
  const wanted = streamRequestOf(request.url ?? "", typeof header === "string" ? header : undefined);
  if (!wanted) return false;
  // Answers at once when memory has the answer (nearly every reader: no promise made).
  const now = openStreamNow(wanted.slug, wanted.lastEventId, wanted.via);
  if (now) answerNode(response, now);
  else {
    openStream(wanted.slug, wanted.lastEventId, wanted.via).then(
      (answer) => answerNode(response, answer),
      (error: unknown) => {
        logger().error({ err: error }, "could not open a stream");
        answerNode(response, unavailable);
      },
    );
  }
  return true;
}

const unavailable: StreamAnswer = {
  kind: "text",
  status: 503,
  message: "The stream is unavailable; try again shortly.",
  retryAfter: "5",
};
