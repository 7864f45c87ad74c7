import { env, newsroomName } from "@/lib/env";
import { listIndexableEvents } from "@/lib/events/list-indexable-events";
import { absoluteUrl, eventPath } from "@/lib/shared/event-urls";
import { newsSitemap, newsSitemapMaxUrls } from "@/lib/shared/news-sitemap";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// Google News takes articles from the last two days.
const newsWindowMs = 2 * 24 * 60 * 60 * 1000;

/**
 * GET /news-sitemap.xml — public events changed in the last two days, most recent first,
 * for Google News (named in robots.txt). Drafts never appear.
 */
export async function GET() {
  const events = await listIndexableEvents({
    changedSince: new Date(Date.now() - newsWindowMs),
    limit: newsSitemapMaxUrls,
  });
  const { publicUrl } = env();
  const xml = newsSitemap({
    publicationName: newsroomName(),
    // Events have no language of their own yet; the reader pages are English.
    language: "en",
    entries: events.map((event) => ({
      url: absoluteUrl(publicUrl, eventPath(event.slug)),
      title: event.title,
      publishedAt: event.publishedAt.toISOString(),
      changedAt: event.changedAt.toISOString(),
    })),
  });
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=60" },
  });
}
