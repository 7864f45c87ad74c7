import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { LiveBlogJsonLd } from "@/components/live-blog-json-ld";
import { LiveFeed } from "@/components/live-feed";
import { SiteHeader } from "@/components/site-header";
import { currentUser } from "@/lib/auth/session";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { findEventBySlug } from "@/lib/events/find-event";
import { uploadUrl } from "@/lib/uploads/upload-url";
import { eventJsonLd } from "@/lib/seo/event-json-ld";
import { eventMetadata } from "@/lib/seo/event-metadata";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await findEventBySlug((await params).slug);
  if (!event) return { title: "Event not found" };
  return eventMetadata(event);
}

// Rendered on the server only, in the event's own time zone.
function formatStart(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "full",
    timeStyle: "short",
    timeZone,
    timeZoneName: "short",
  }).format(at);
}

export default async function EventPage({ params }: Props) {
  const { slug } = await params;
  const [snapshot, user] = await Promise.all([getEventSnapshot(slug), currentUser()]);
  if (!snapshot || snapshot.event.status === "DRAFT") notFound();
  const { event, posts, seq } = snapshot;
  return (
    <>
      <LiveBlogJsonLd data={eventJsonLd(snapshot)} />
      <SiteHeader signedIn={Boolean(user)} />
      <main className="mx-auto max-w-2xl px-4 pb-16">
        <header className="border-b border-stone-200 py-8 dark:border-stone-800">
          {event.coverImageKey && (
            // Our own upload, served immutable by /api/uploads: no optimizer needed.
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={uploadUrl(event.coverImageKey)}
              alt=""
              data-testid="event-cover-image"
              className="mb-6 aspect-[2/1] w-full rounded-lg object-cover"
            />
          )}
          <p className="mb-2 text-xs font-bold uppercase tracking-widest text-brand-strong dark:text-red-300">
            Live coverage
          </p>
          <h1 className="font-serif text-3xl font-bold leading-tight sm:text-4xl">{event.title}</h1>
          {event.description && <p className="mt-3 text-lg text-stone-600 dark:text-stone-300">{event.description}</p>}
          {event.status === "SCHEDULED" && event.startsAt && (
            <p className="mt-4 font-semibold">
              Coverage starts{" "}
              <time dateTime={event.startsAt.toISOString()}>{formatStart(event.startsAt, event.timeZone)}</time>
            </p>
          )}
        </header>
        <div className="pt-4">
          <LiveFeed slug={event.slug} initialPosts={posts} initialSeq={seq} ended={event.status === "ENDED"} />
        </div>
      </main>
    </>
  );
}
