import "server-only";
import { logger } from "@/lib/observability/logger";
import { publishDuePosts } from "./publish-due-posts";

type Scheduler = { timer: ReturnType<typeof setInterval>; running: Promise<void> | null };

const key = Symbol.for("herald.scheduler");
const store = globalThis as unknown as Record<symbol, Scheduler | undefined>;
const everyMs = 5_000;

/** Starts this process's scheduled-post timer once (instrumentation.ts calls it). */
export function ensureScheduler(): void {
  if (store[key]) return;
  const scheduler: Scheduler = {
    running: null,
    timer: setInterval(() => {
      if (scheduler.running) return; // the last run is still publishing
      scheduler.running = publishDuePosts()
        .then(() => undefined)
        .catch((error: unknown) => logger().error({ err: error }, "scheduler: publishing scheduled posts failed"))
        .finally(() => (scheduler.running = null));
    }, everyMs),
  };
  scheduler.timer.unref?.();
  store[key] = scheduler;
}

/** Stops the timer and waits for a run in progress (graceful shutdown). */
export async function stopScheduler(): Promise<void> {
  const scheduler = store[key];
  if (!scheduler) return;
  clearInterval(scheduler.timer);
  await scheduler.running;
}
