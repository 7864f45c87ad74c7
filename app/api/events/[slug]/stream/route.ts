import { env } from "@/lib/env";
import { httpError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { goAwayResponse } from "@/lib/realtime/go-away";
import { resetResponse, sseResponse } from "@/lib/realtime/sse-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/events/<slug>/stream — the reader's SSE stream. Resumes after the change in
 * the Last-Event-ID header (sent by EventSource on reconnect) or the `lastEventId` query
 * (the sequence the page was rendered at); without either, starts from now.
 */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }) {
  // Postgres unreachable (restarting, failing over): 503 + Retry-After, never a 500. The
  // reader's client retries with backoff; readers already streaming stay connected.
  return stream(request, context).catch(httpError);
}

async function stream(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  if (broadcaster().closing) return goAwayResponse(); // shutting down: go to another process
  // Readers are capped per process so that a crowd cannot starve the newsroom: publishing
  // and the dashboard never pass through here. The jitter spreads the crowd's retries.
  if (broadcaster().readerCount >= env().HERALD_MAX_READERS) {
    const retryAfter = String(5 + Math.floor(Math.random() * 10));
    return text(503, "This server is full; try again shortly.", { "Retry-After": retryAfter });
  }

  const { slug } = await params;
  const event = await findEventBySlug(slug);
  if (!event || event.status === "DRAFT") return text(404, "No such event.");

  const raw = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  let cursor = event.lastSeq;
  if (raw !== null && raw !== "") {
    if (!/^\d{1,10}$/.test(raw)) return text(400, "Last-Event-ID must be a change number.");
    cursor = Number(raw);
    if (cursor > event.lastSeq) return resetResponse();
  }
  // An ended event has no future: a reader who has everything gets 204, which tells
  // EventSource to stop reconnecting; one who missed the end gets it replayed, then EOF.
  if (event.status === "ENDED" && cursor >= event.lastSeq) return new Response(null, { status: 204 });
  return sseResponse(request, event.id, cursor);
}

function text(status: number, message: string, headers: Record<string, string> = {}) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8", ...headers } });
}
