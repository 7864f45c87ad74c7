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

// On globalThis, like the broadcaster: Next's separate module graphs (the route handler's,
// instrumentation's reader-count writer) must share one tracker.
type Pollers = { lastPoll: Map<string, Map<string, number>>; tracked: number };
const key = Symbol.for("herald.pollers");
const store = globalThis as unknown as Record<symbol, Pollers | undefined>;
const pollers = (): Pollers => (store[key] ??= { lastPoll: new Map(), tracked: 0 });

/** Notes a poll of `eventId`; polls without a well-formed id are not counted. */
export function recordPoll(eventId: string, id: string | null, now: number = Date.now()): void {
  if (!id || !pollerId.test(id)) return;
  const state = pollers();
  let seen = state.lastPoll.get(eventId);
  if (!seen) state.lastPoll.set(eventId, (seen = new Map()));
  if (!seen.has(id)) {
    if (state.tracked >= maxPollers) return;
    state.tracked++;
  }
  seen.set(id, now);
}

/** Distinct pollers per event whose last poll is within `pollerFreshMs`; forgets the rest. */
export function pollersByEvent(now: number = Date.now()): Map<string, number> {
  const state = pollers();
  const counts = new Map<string, number>();
  for (const [eventId, seen] of state.lastPoll) {
    for (const [id, at] of seen) {
      if (now - at > pollerFreshMs) {
        seen.delete(id);
        state.tracked--;
      }
    }
    if (seen.size === 0) state.lastPoll.delete(eventId);
    else counts.set(eventId, seen.size);
  }
  return counts;
}
