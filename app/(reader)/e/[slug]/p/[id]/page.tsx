import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { EventLive } from "@/components/event-live";
import { LiveBlogJsonLd } from "@/components/live-blog-json-ld";
import { PostCard } from "@/components/post-card";
import { SiteHeader } from "@/components/site-header";
import { findEventBySlug } from "@/lib/events/find-event";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { getPublicPost } from "@/lib/posts/get-public-post";
import { eventPollResults } from "@/lib/polls/poll-results";
import { eventReactionTotals } from "@/lib/reactions/reaction-totals";
import { unfold } from "@/lib/posts/render-markdown";
import { postJsonLd } from "@/lib/seo/event-json-ld";
import { toLocale } from "@/lib/i18n/locales";
import { postMetadata } from "@/lib/seo/post-metadata";
import { readerEvent } from "../../event-data";
import { EmbedConsent } from "@/components/embed-consent";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ voted?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const event = await findEventBySlug(slug);
  const post = event && event.status !== "DRAFT" ? await getPublicPost(event.id, id) : null;
  if (!event || !post) {
    const t = await getTranslations({ locale: toLocale(event?.language), namespace: "reader.notFound" });
    return { title: t("update"), robots: { index: false } };
  }
  return postMetadata(event, post);
}

/** One update's own address: the event page, scrolled to that update and marked. */
export default async function PostPermalinkPage({ params, searchParams }: Props) {
  const { slug, id } = await params;
  const snapshot = await getEventSnapshot(slug);
  if (!snapshot || snapshot.event.status === "DRAFT") notFound();
  const { event, posts, pinned, nextCursor, keyEvents, seq } = snapshot;
  const locale = toLocale(event.language);
  setRequestLocale(locale);
  const t = await getTranslations({ locale, namespace: "reader" });
  const found = await getPublicPost(event.id, id);
  if (!found) notFound();
  const [reactions, polls] = await Promise.all([eventReactionTotals(event.id), eventPollResults(event.id)]);
  // `?voted=1`: a reader without JavaScript just voted in this post's poll (its results are shown).
  const voted = (await searchParams).voted === "1";
  // Its own address shows the update whole, past its "Read more" fold.
  const post = { ...found, html: unfold(found.html) };
  const whole = <T extends { id: string; html: string }>(p: T): T => (p.id === post.id ? { ...p, html: post.html } : p);
  const inFeed = pinned?.id === post.id || posts.some((p) => p.id === post.id);
  // Older than the feed's first page: shown on its own above the latest updates.
  const linked = !inFeed && (
    <section
      aria-label={t("linkedUpdate")}
      className="mt-6 rounded-xl border border-stone-200 px-4 dark:border-stone-800"
    >
      <PostCard post={post} slug={event.slug} timeZone={event.timeZone} highlighted />
      <p className="pb-4 text-sm">
        <a href="#updates-heading" className="font-medium underline">
          {t("latestUpdates")}
        </a>
      </p>
    </section>
  );
  return (
    <>
      <LiveBlogJsonLd data={postJsonLd(event, post)} />
      <SiteHeader />
      <EmbedConsent />
      <EventLive
        slug={event.slug}
        event={readerEvent(event)}
        posts={posts.map(whole)}
        pinned={pinned && whole(pinned)}
        nextCursor={nextCursor}
        keyEvents={keyEvents}
        seq={seq}
        reactions={reactions}
        polls={polls}
        renderedAt={snapshot.renderedAt}
        revealPollOf={voted ? post.id : undefined}
        highlightId={post.id}
        linked={linked || undefined}
      />
    </>
  );
}
