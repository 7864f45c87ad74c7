import { httpError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { updatesSince } from "@/lib/realtime/poll";
import { recordPoll } from "@/lib/realtime/poll-readers";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/events/<slug>/updates?since=<seq> — the polling fallback for readers whose
 * network will not carry a stream. Cacheable for a moment, so a CDN in front absorbs a
 * crowd; the ETag names the event's latest change, so an unchanged answer is a 304.
 */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }) {
  // Postgres unreachable: 503 + Retry-After (the client polls again later), never a 500.
  return updates(request, context).catch(httpError);
}

async function updates(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const raw = new URL(request.url).searchParams.get("since") ?? "";
  if (!/^\d{1,10}$/.test(raw)) return error(400, "`since` must be a change number (the `seq` you last received).");
  const event = await findEventBySlug(slug);
  if (!event || event.status === "DRAFT") return error(404, "No such event.");
  // A poller counts as a reader for the desk's analytics (lib/realtime/poll-readers.ts).
  recordPoll(event.id, request.headers.get("x-herald-poller"));

  const etag = `"${event.id}-${event.lastSeq}-${event.status}"`;
  const headers = { ETag: etag, "Cache-Control": "public, max-age=2, stale-while-revalidate=2" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return Response.json(await updatesSince(event, Number(raw)), { headers });
}

function error(status: number, message: string) {
  return Response.json({ error: message }, { status, headers: { "Cache-Control": "no-store" } });
}
