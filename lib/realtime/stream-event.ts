import "server-only";
import type { EventSummary } from "@/lib/events/find-event";
import { limits } from "@/lib/shared/limits";
import { slugPattern } from "@/lib/shared/slug";
import { sql } from "@/lib/sql";

export type StreamEvent = Pick<EventSummary, "id" | "status" | "lastSeq">;

/** The event at /e/<slug>, as much of it as a stream needs (malformed slugs: null, no query). */
async function findStreamEvent(slug: string): Promise<StreamEvent | null> {
  if (slug.length > limits.slug || !slugPattern.test(slug)) return null;
  const rows = await sql<StreamEvent>`
    SELECT "id", "status"::text AS "status", "lastSeq" FROM "Event" WHERE "slug" = ${slug}`;
  return rows[0] ?? null;
}

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
  const event = findStreamEvent(slug);
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
