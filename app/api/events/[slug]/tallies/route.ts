import { createHash } from "node:crypto";
import { httpError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { eventPollResults } from "@/lib/polls/poll-results";
import { eventReactionTotals } from "@/lib/reactions/reaction-totals";
import { talliesCacheControl } from "@/lib/shared/shared-pages";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/events/<slug>/tallies — every reaction count and poll result of the event,
 * `{ reactions, polls }`, the same shapes as the stream's `reactions` and `polls` events:
 * what a reader who polls (lib/client/live-connection.ts) gets instead of those events.
 * The same for everyone and cacheable for a moment, so a shared cache (the stream tier's,
 * a CDN) answers a crowd with one query pair; the ETag is the body's hash.
 */
export async function GET(request: Request, context: { params: Promise<{ slug: string }> }) {
  // Postgres unreachable: 503 + Retry-After (the client asks again later), never a 500.
  return tallies(request, context).catch(httpError);
}

async function tallies(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const event = await findEventBySlug(slug);
  if (!event || event.status === "DRAFT") {
    return Response.json({ error: "No such event." }, { status: 404, headers: { "Cache-Control": "no-store" } });
  }
  const [reactions, polls] = await Promise.all([eventReactionTotals(event.id), eventPollResults(event.id)]);
  const body = JSON.stringify({ reactions, polls });
  const etag = `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`;
  const headers = { ETag: etag, "Cache-Control": talliesCacheControl, "Content-Type": "application/json" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
