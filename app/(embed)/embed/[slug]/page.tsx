import type { Metadata } from "next";
import { setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { EmbedResizer } from "@/components/embed-resizer";
import { KeyPoints } from "@/components/key-points";
import { LiveFeed } from "@/components/live-feed";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { eventPollResults } from "@/lib/polls/poll-results";
import { eventReactionTotals } from "@/lib/reactions/reaction-totals";
import { PollsProvider } from "@/components/polls-provider";
import { ReactionsProvider } from "@/components/reactions-provider";
import { toLocale } from "@/lib/i18n/locales";
import { readerEventMetadata } from "@/lib/seo/event-metadata";
import { EmbedConsent } from "@/components/embed-consent";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ voted?: string }> };

// /embed/<slug>: the live feed alone, for other sites' iframes (docs/embed.md). No site
// chrome, never indexed (the event page is canonical); who may frame it is the CSP's
// frame-ancestors (HERALD_EMBED_ORIGINS).
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return readerEventMetadata((await params).slug, { noindex: true });
}

export default async function EmbedPage({ params, searchParams }: Props) {
  const snapshot = await getEventSnapshot((await params).slug);
  if (!snapshot || snapshot.event.status === "DRAFT") notFound();
  const { event, posts, seq } = snapshot;
  setRequestLocale(toLocale(event.language));
  const [reactions, polls] = await Promise.all([eventReactionTotals(event.id), eventPollResults(event.id)]);
  // `?voted=<post>`: a reader without JavaScript just voted in that post's poll (its results are shown).
  const voted = (await searchParams).voted;
  return (
    <main id="herald-embed" className="px-3 py-3">
      <h1 className="mb-2 font-serif text-lg font-bold leading-tight">
        <a href={`/e/${event.slug}`} target="_blank" rel="noopener" className="hover:underline">
          {event.title}
        </a>
      </h1>
      <KeyPoints
        html={event.summaryHtml}
        updatedAt={event.summaryUpdatedAt?.toISOString() ?? null}
        timeZone={event.timeZone}
      />
      <ReactionsProvider slug={event.slug} initial={reactions} frozen={event.status === "ENDED"} embed>
        <PollsProvider
          slug={event.slug}
          initial={polls}
          renderedAt={snapshot.renderedAt}
          frozen={event.status === "ENDED"}
          revealPostId={voted}
          embed
        >
          <LiveFeed
            slug={event.slug}
            initialPosts={posts}
            initialSeq={seq}
            ended={event.status === "ENDED"}
            order={event.order}
            timeZone={event.timeZone}
            via="embed"
          />
        </PollsProvider>
      </ReactionsProvider>
      <EmbedResizer contentId="herald-embed" />
      <EmbedConsent />
    </main>
  );
}
