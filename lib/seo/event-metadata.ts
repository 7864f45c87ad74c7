import "server-only";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { env, newsroomName } from "@/lib/env";
import { findEventBySlug } from "@/lib/events/find-event";
import { absoluteUrl, eventImagePath, eventPath, feedPath } from "@/lib/shared/event-urls";
import { ogLocale, toLocale } from "@/lib/i18n/locales";
import { uploadUrl } from "@/lib/uploads/upload-url";

/** What the share cards and search engines need to know about an event. */
export type EventForMetadata = {
  slug: string;
  title: string;
  description: string;
  status: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED";
  /** The storage key of the cover image, when the event has one. */
  coverImageKey: string | null;
  /** The event's change sequence: a new share image URL with every change. */
  lastSeq: number;
  /** The readers' language (lib/i18n/locales.ts). */
  language: string;
};

/** The generated share cards' size: what Open Graph and Twitter show large. */
export const shareImageSize = { width: 1200, height: 630 } as const;

type ShareImage = { url: string; width?: number; height?: number; alt: string };

/** The event's cover as an absolute URL, or null. */
export function coverImageUrl(event: { coverImageKey: string | null }): string | null {
  return event.coverImageKey ? absoluteUrl(env().publicUrl, uploadUrl(event.coverImageKey)) : null;
}

/** The event's share image: its cover, else a generated card (app/(reader)/e/[slug]/share.png). */
export function eventShareImage(event: EventForMetadata): ShareImage {
  const cover = coverImageUrl(event);
  if (cover) return { url: cover, alt: event.title };
  const url = `${absoluteUrl(env().publicUrl, eventImagePath(event.slug))}?v=${event.lastSeq}`;
  return { url, ...shareImageSize, alt: event.title };
}

/** The metadata of the event at /e/<slug> (or a view of it), or of its 404 when there is none. */
export async function readerEventMetadata(slug: string, options: { noindex?: boolean } = {}): Promise<Metadata> {
  const event = await findEventBySlug(slug);
  if (event && event.status !== "DRAFT") return eventMetadata(event, options);
  const t = await getTranslations({ locale: toLocale(undefined), namespace: "reader.notFound" });
  return { title: t("event"), robots: { index: false } };
}

/**
 * Title, description, canonical URL, the Atom feed, OpenGraph and Twitter cards for an
 * event page, or another view of it (the embed: `noindex`, naming the page as canonical).
 * Drafts are never indexed.
 */
export async function eventMetadata(event: EventForMetadata, options: { noindex?: boolean } = {}): Promise<Metadata> {
  const { publicUrl } = env();
  const locale = toLocale(event.language);
  const t = await getTranslations({ locale, namespace: "reader" });
  const url = absoluteUrl(publicUrl, eventPath(event.slug));
  const description = event.description || t("liveCoverage", { title: event.title });
  const images = [eventShareImage(event)];
  return {
    title: event.title,
    description,
    alternates: {
      canonical: url,
      types: { "application/atom+xml": [{ url: absoluteUrl(publicUrl, feedPath(event.slug)), title: event.title }] },
    },
    openGraph: {
      type: "article",
      url,
      title: event.title,
      description,
      siteName: newsroomName(),
      images,
      locale: ogLocale(locale),
    },
    twitter: { card: "summary_large_image", title: event.title, description, images },
    robots: event.status === "DRAFT" || options.noindex ? { index: false, follow: false } : undefined,
  };
}
