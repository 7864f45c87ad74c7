import "server-only";
import { findEventBySlug, type EventSummary } from "@/lib/events/find-event";

export type StreamEvent = Pick<EventSummary, "id" | "status" | "lastSeq">;

/** How long a looked-up event answers for its slug. */
const freshMs = 1_000;
const maxEntries = 10_000;

/** `known` is the event once the lookup has found it. */
type Entry = { at: number; event: Promise<StreamEvent | null>; known?: StreamEvent };
const entries = new Map<string, Entry>();

/**
 * The event behind a stream URL, from a one-second cache shared by every reader of this
 * process (concurrent lookups of one slug share one query). A crowd opening or
 * reconnecting to one event costs Postgres one query a second instead of one per reader.
 * Answers that would end a reader for good (204, reset) are only ever given from a fresh
 * read (`fresh`), so a stale entry can delay a reader by a replay, never stop it.
 */
export function streamEvent(slug: string, { fresh = false } = {}): Promise<StreamEvent | null> {
  const now = Date.now();
  const cached = entries.get(slug);
  if (cached && !fresh && now - cached.at < freshMs) return cached.event;
  const event = findEventBySlug(slug).then((found) =>
    found ? { id: found.id, status: found.status, lastSeq: found.lastSeq } : null,
  );
  if (entries.size >= maxEntries) entries.clear();
  const entry: Entry = { at: now, event };
  entries.set(slug, entry);
  // Unknown slugs and failed reads are not remembered: a typo or a blip must not stick.
  const forget = () => entries.get(slug) === entry && entries.delete(slug);
  event.then((found) => (found ? (entry.known = found) : forget()), forget);
  return event;
}

/**
 * What streamEvent(slug) would give, without waiting: the event when a lookup within
 * the last second has found it, else undefined (none yet, still in flight, or not found).
 */
export function knownStreamEvent(slug: string): StreamEvent | undefined {
  const cached = entries.get(slug);
  return cached && Date.now() - cached.at < freshMs ? cached.known : undefined;
}
