import "server-only";
import type { Metadata } from "next";
import { env } from "@/lib/env";
import { absoluteUrl, eventPath, feedPath } from "@/lib/shared/event-urls";

/** What the share cards and search engines need to know about an event. */
export type EventForMetadata = {
  slug: string;
  title: string;
  description: string;
  status: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED";
  /** Path or URL of the cover image, when the event has one. */
  coverImageUrl?: string | null;
};

/** The event's cover image as an absolute URL, or null (older event views have none). */
export function coverImageUrl(event: object): string | null {
  const cover = (event as { coverImageUrl?: unknown }).coverImageUrl;
  return typeof cover === "string" && cover ? absoluteUrl(env().publicUrl, cover) : null;
}

/**
 * Title, description, canonical URL, the Atom feed, OpenGraph and Twitter cards for an
 * event page, or another view of it (the embed: `noindex`, naming the page as canonical).
 * Drafts are never indexed.
 */
export function eventMetadata(event: EventForMetadata, options: { noindex?: boolean } = {}): Metadata {
  const { publicUrl } = env();
  const url = absoluteUrl(publicUrl, eventPath(event.slug));
  const description = event.description || `Live coverage: ${event.title}`;
  const image = coverImageUrl(event);
  const images = image ? [{ url: image, alt: event.title }] : undefined;
  return {
    title: event.title,
    description,
    alternates: {
      canonical: url,
      types: { "application/atom+xml": [{ url: absoluteUrl(publicUrl, feedPath(event.slug)), title: event.title }] },
    },
    openGraph: { type: "article", url, title: event.title, description, siteName: "Herald", images },
    twitter: { card: image ? "summary_large_image" : "summary", title: event.title, description, images },
    robots: event.status === "DRAFT" || options.noindex ? { index: false, follow: false } : undefined,
  };
}
