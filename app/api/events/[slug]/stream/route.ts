import { findEventBySlug } from "@/lib/events/find-event";
import { resetResponse, sseResponse } from "@/lib/realtime/sse-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/events/<slug>/stream — the reader's SSE stream. Resumes after the change in
 * the Last-Event-ID header (sent by EventSource on reconnect) or the `lastEventId` query
 * (the sequence the page was rendered at); without either, starts from now.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
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
  return sseResponse(request, event.id, cursor);
}

function text(status: number, message: string) {
  return new Response(message, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}
