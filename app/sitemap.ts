import type { MetadataRoute } from "next";
import { env } from "@/lib/env";
import { listIndexableEvents } from "@/lib/events/list-indexable-events";
import { absoluteUrl, eventPath } from "@/lib/shared/event-urls";

// Read per request: the events change, and the database is not there at build time.
export const dynamic = "force-dynamic";

/**
 * /sitemap.xml — the home page and every public event page (drafts never), most recently
 * changed first, each with its last change as `lastmod`. Next writes `loc` unescaped: our
 * URLs are an origin and a slug ([a-z0-9-]), so they hold nothing XML must escape.
 */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const { publicUrl } = env();
  const events = await listIndexableEvents({ limit: 49_999 }); // and the home page
  return [
    { url: absoluteUrl(publicUrl, "/"), lastModified: events[0]?.changedAt },
    ...events.map((event) => ({
      url: absoluteUrl(publicUrl, eventPath(event.slug)),
      lastModified: event.changedAt,
      changeFrequency: event.status === "LIVE" ? ("always" as const) : undefined,
    })),
  ];
}
