import "server-only";
import { db } from "@/lib/db";

/** How long a key is kept: a client may retry with it for at least this long. */
export const idempotencyKeyLifetimeMs = 24 * 60 * 60 * 1000;

/**
 * Forgets keys older than their lifetime. The scheduler of every server process runs it
 * every few minutes (lib/posts/scheduler.ts): a DELETE on an indexed column that finds
 * nothing most of the time, and harmless when two processes race. A key past its
 * lifetime but not yet pruned still answers, which only keeps it longer than promised.
 */
export async function pruneIdempotencyKeys(now = new Date()): Promise<number> {
  const { count } = await db.idempotencyKey.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - idempotencyKeyLifetimeMs) } },
  });
  return count;
}
