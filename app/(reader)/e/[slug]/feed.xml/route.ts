import { env } from "@/lib/env";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { atomFeed } from "@/lib/shared/atom-feed";
import { absoluteUrl, eventPath, feedPath, postPath } from "@/lib/shared/event-urls";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /e/<slug>/feed.xml — the event's latest posts as Atom, newest first. Drafts do not
 * exist for readers, so they are a 404 here too. Feed readers poll: a minute of caching
 * in front costs them nothing and the crowd nothing.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const snapshot = await getEventSnapshot((await params).slug);
  if (!snapshot || snapshot.event.status === "DRAFT") {
    return new Response("No such event.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const { event, posts } = snapshot;
  const { publicUrl } = env();
  const xml = atomFeed({
    pageUrl: absoluteUrl(publicUrl, eventPath(event.slug)),
    feedUrl: absoluteUrl(publicUrl, feedPath(event.slug)),
    postUrl: (id) => absoluteUrl(publicUrl, postPath(event.slug, id)),
    publicUrl,
    title: event.title,
    description: event.description,
    language: event.language,
    createdAt: event.createdAt.toISOString(),
    posts,
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
