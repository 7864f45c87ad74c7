import "server-only";
import { toEventView } from "@/lib/events/event-view";
import type { EventSummary } from "@/lib/events/find-event";
import type { ReaderEvent } from "@/lib/shared/reader-feed";

/** The header's view of the event: the same shape readers get live in `event.updated`. */
export function readerEvent(event: EventSummary): ReaderEvent {
  return toEventView(event);
}
