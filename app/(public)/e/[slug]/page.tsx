import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EventLive } from "@/components/event-live";
import { SiteHeader } from "@/components/site-header";
import { findEventBySlug } from "@/lib/events/find-event";
import { getEventSnapshot } from "@/lib/events/get-event-snapshot";
import { readerEvent } from "./event-data";

// Rendered per request from the database (the page's cache, if any, wraps getEventSnapshot).
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const event = await findEventBySlug((await params).slug);
  if (!event || event.status === "DRAFT") return { title: "Event not found" };
  return { title: event.title, description: event.description || undefined };
}

export default async function EventPage({ params }: Props) {
  const snapshot = await getEventSnapshot((await params).slug);
  if (!snapshot || snapshot.event.status === "DRAFT") notFound();
  const { event, posts, pinned, nextCursor, keyEvents, seq } = snapshot;
  return (
    <>
      <SiteHeader />
      <EventLive
        slug={event.slug}
        event={readerEvent(event)}
        posts={posts}
        pinned={pinned}
        nextCursor={nextCursor}
        keyEvents={keyEvents}
        seq={seq}
      />
    </>
  );
}
