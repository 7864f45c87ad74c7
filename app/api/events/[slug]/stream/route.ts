import { httpError } from "@/lib/errors";
import { openStream } from "@/lib/realtime/open-stream";
import { answerResponse } from "@/lib/realtime/sse-response";
import { streamChannelOf } from "@/lib/shared/reader-channels";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/events/<slug>/stream — the reader's SSE stream. Resumes after the change in
 * the Last-Event-ID header (sent by EventSource on reconnect) or the `lastEventId` query
 * (the sequence the page was rendered at); without either, starts from now. What to
 * answer is decided in lib/realtime/open-stream.ts, which the stream tier's plain Node
 * path (lib/realtime/serve-node-stream.ts) shares. This one serves under `next dev` and
 * Next.js alone.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  const lastEventId = request.headers.get("last-event-id") ?? query.get("lastEventId");
  // `?via=embed` from the embed: counted apart for the desk's analytics, served the same.
  const via = streamChannelOf(query.get("via"));
  // Postgres unreachable (restarting, failing over): 503 + Retry-After, never a 500. The
  // reader's client retries with backoff; readers already streaming stay connected.
  return openStream(slug, lastEventId, via).then((answer) => answerResponse(request, answer), httpError);
}
