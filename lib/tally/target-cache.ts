import "server-only";
import { LRUCache } from "lru-cache";

// What a reader's vote or reaction is for (its event, post and poll), looked up once per
// process and second rather than once per request: in a storm, every vote asked Postgres the
// same question. Only found targets are kept; a refusal (404) is asked again next time.
// Safe because the batch's write checks again, in its transaction, whether the poll is open,
// the post published and the event not ended (lib/polls/write-votes.ts,
// lib/reactions/write-reactions.ts): a stale target can refuse for a second after an event is
// reopened, never count what should not count.

/** How long a target is reused. */
export const targetTtlMs = 1_000;

/**
 * A look-up by (slug, post id), shared by the requests of one second; concurrent requests
 * for a target not yet cached wait for the same query. `clock` is for tests.
 */
export function targetCache<Target extends object>(
  load: (slug: string, postId: string) => Promise<Target>,
  clock: { now(): number } = performance,
): (slug: string, postId: string) => Promise<Target> {
  const cache = new LRUCache<string, Target>({
    max: 10_000,
    ttl: targetTtlMs,
    ttlResolution: 0, // read the clock on every look-up (it is cheap), so tests can move it
    perf: clock,
    fetchMethod: (key) => {
      const [slug, postId] = key.split("\n") as [string, string];
      return load(slug, postId);
    },
  });
  return async (slug, postId) => (await cache.fetch(`${slug}\n${postId}`))!;
}
