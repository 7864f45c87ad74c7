import { newsroomName } from "@/lib/env";
import { findEventBySlug } from "@/lib/events/find-event";
import { shareImage } from "@/lib/seo/share-image";
import { excerpt } from "@/lib/shared/plain-text";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /e/<slug>/share.png — the event's share card, for when it has no cover image
 * (lib/seo/event-metadata.ts). Drafts do not exist for readers: a 404, as the page.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const event = await findEventBySlug((await params).slug);
  if (!event || event.status === "DRAFT") return notFound();
  return shareImage(
    {
      title: excerpt(event.title, 110),
      text: excerpt(event.description, 160),
      newsroom: newsroomName(),
      live: event.status === "LIVE",
    },
    // The page names this image with the event's sequence in its query: a new URL per change.
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
}

function notFound(): Response {
  return new Response("No such image.\n", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
