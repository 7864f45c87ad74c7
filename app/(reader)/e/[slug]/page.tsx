import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { EventLive } from "@/components/event-live";
import { LiveBlogJsonLd } from "@/components/live-blog-json-ld";
import { SiteHeader } from "@/components/site-header";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { eventPollResults } from "@/lib/polls/poll-results";
import { eventReactionTotals } from "@/lib/reactions/reaction-totals";
import { eventJsonLd } from "@/lib/seo/event-json-ld";
import { toLocale } from "@/lib/i18n/locales";
import { readerEventMetadata } from "@/lib/seo/event-metadata";
import { readerEvent } from "./event-data";
import { EmbedConsent } from "@/components/embed-consent";

// Rendered per request; under `npm start`, anonymous views come from the stream tier's
// shared cache (runtime/front-door/shared-cache.ts), dropped on every change of the event.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return readerEventMetadata((await params).slug);
}

export default async function EventPage({ params }: Props) {
  const snapshot = await getEventSnapshot((await params).slug);
  if (!snapshot || snapshot.event.status === "DRAFT") notFound();
  const { event, posts, pinned, nextCursor, keyEvents, seq } = snapshot;
  setRequestLocale(toLocale(event.language));
  const [reactions, polls] = await Promise.all([eventReactionTotals(event.id), eventPollResults(event.id)]);
  return (
    <>
      <LiveBlogJsonLd data={eventJsonLd(snapshot)} />
      <SiteHeader />
      <EmbedConsent />
      <EventLive
        slug={event.slug}
        event={readerEvent(event)}
        posts={posts}
        pinned={pinned}
        nextCursor={nextCursor}
        keyEvents={keyEvents}
        seq={seq}
        reactions={reactions}
        polls={polls}
        renderedAt={snapshot.renderedAt}
      />
    </>
  );
}
