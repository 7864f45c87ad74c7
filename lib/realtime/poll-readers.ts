import "server-only";
import { pollIntervalMs } from "./poll";

// Polling readers are not connected, so this process counts them from their polls: each
// poll of /api/events/<slug>/updates may carry an `X-Herald-Poller` header, a random id
// the reader's page makes up when it starts polling (lib/client/live-connection.ts) and
// forgets when it closes. A poller counts as reading while its last poll is recent. The id
// is kept in memory only, for about three poll intervals, and never stored or logged.

/** A poller whose last poll is older than this has gone (three missed polls). */
export const pollerFreshMs = 3 * pollIntervalMs;
/** Pollers tracked per process, over all events: beyond this, new ids are not counted. */
const maxPollers = 100_000;
const pollerId = /^[A-Za-z0-9_-]{8,64}$/;

const lastPoll = new Map<string, Map<string, number>>();
let tracked = 0;

/** Notes a poll of `eventId`; polls without a well-formed id are not counted. */
export function recordPoll(eventId: string, id: string | null, now: number = Date.now()): void {
  if (!id || !pollerId.test(id)) return;
  let pollers = lastPoll.get(eventId);
  if (!pollers) lastPoll.set(eventId, (pollers = new Map()));
  if (!pollers.has(id)) {
    if (tracked >= maxPollers) return;
    tracked++;
  }
  pollers.set(id, now);
}

/** Distinct pollers per event whose last poll is within `pollerFreshMs`; forgets the rest. */
export function pollersByEvent(now: number = Date.now()): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [eventId, pollers] of lastPoll) {
    for (const [id, at] of pollers) {
      if (now - at > pollerFreshMs) {
        pollers.delete(id);
        tracked--;
      }
    }
    if (pollers.size === 0) lastPoll.delete(eventId);
    else counts.set(eventId, pollers.size);
  }
  return counts;
}
