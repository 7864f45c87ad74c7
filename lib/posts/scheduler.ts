import "server-only";
import { pruneIdempotencyKeys } from "@/lib/idempotency/prune-idempotency-keys";
import { logger } from "@/lib/observability/logger";
import { publishDuePosts } from "./publish-due-posts";

type Scheduler = { timer: ReturnType<typeof setInterval>; running: Promise<void> | null; prunedAt: number };

const key = Symbol.for("herald.scheduler");
const store = globalThis as unknown as Record<symbol, Scheduler | undefined>;
const everyMs = 5_000;
// Old idempotency keys are pruned here rather than on the write path: publishing never
// pays for it, and every process runs this timer, so it goes on while any process lives.
const pruneEveryMs = 10 * 60_000;

/** Starts this process's scheduled-post timer once (instrumentation.ts calls it). */
export function ensureScheduler(): void {
  if (store[key]) return;
  const scheduler: Scheduler = {
    running: null,
    prunedAt: Date.now(),
    timer: setInterval(() => {
      if (scheduler.running) return; // the last run is still publishing
      scheduler.running = Promise.all([
        publishDuePosts().catch((error: unknown) =>
          logger().error({ err: error }, "scheduler: publishing scheduled posts failed"),
        ),
        pruneIfDue(scheduler),
      ])
        .then(() => undefined)
        .finally(() => (scheduler.running = null));
    }, everyMs),
  };
  scheduler.timer.unref?.();
  store[key] = scheduler;
}

async function pruneIfDue(scheduler: Scheduler): Promise<void> {
  if (Date.now() - scheduler.prunedAt < pruneEveryMs) return;
  scheduler.prunedAt = Date.now();
  await pruneIdempotencyKeys().catch((error: unknown) =>
    logger().error({ err: error }, "scheduler: pruning old idempotency keys failed"),
  );
}

/** Stops the timer and waits for a run in progress (graceful shutdown). */
export async function stopScheduler(): Promise<void> {
  const scheduler = store[key];
  if (!scheduler) return;
  clearInterval(scheduler.timer);
  await scheduler.running;
}
