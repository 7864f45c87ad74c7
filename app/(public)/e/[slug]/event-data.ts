import "server-only";
import type { EventSummary } from "@/lib/events/find-event";
import type { ReaderEvent } from "@/lib/shared/reader-feed";

/** The header's view of the event; `coverImageUrl` once the event has one to give. */
export function readerEvent(event: EventSummary): ReaderEvent {
  const cover = (event as EventSummary & { coverImageUrl?: string | null }).coverImageUrl;
  return {
    title: event.title,
    description: event.description,
    status: event.status,
    startsAt: event.startsAt?.toISOString() ?? null,
    order: event.order,
    timeZone: event.timeZone,
    coverImageUrl: cover ?? null,
  };
}
