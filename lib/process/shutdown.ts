import "server-only";
import { closeDatabase } from "@/lib/sql";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { stopScheduler } from "@/lib/posts/scheduler";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { stopListener } from "@/lib/realtime/listener";

const key = Symbol.for("herald.shutting-down");
const store = globalThis as unknown as Record<symbol, boolean | undefined>;

/** True once a graceful shutdown has begun: readiness fails, new streams are sent away. */
export function isShuttingDown(): boolean {
  return store[key] === true;
}

/**
 * The first step of a stream-tier process's shutdown, while it still accepts: readiness
 * fails (a load balancer stops choosing it) and its readers are sent elsewhere first,
 * because they are the many and need seconds to spread out.
 */
export function beginShutdown(): void {
  if (isShuttingDown()) return;
  store[key] = true;
  const readers = broadcaster().disconnectAll();
  logger().info({ readers }, "shutdown: told every reader to reconnect elsewhere");
}

/**
 * The rest, once its server has stopped accepting connections: the work that must not be
 * cut short (publishes in flight, a scheduler run) finishes, up to
 * HERALD_SHUTDOWN_TIMEOUT_MS; then the LISTEN connection and the pool close.
 */
export async function shutDown(inFlight: () => number): Promise<void> {
  beginShutdown();
  const log = logger();
  const started = performance.now();
  await stopScheduler();
  const finished = await waitUntil(() => inFlight() === 0, env().HERALD_SHUTDOWN_TIMEOUT_MS);
  if (finished) log.info("shutdown: in-flight requests finished");
  else log.warn({ inFlight: inFlight() }, "shutdown: gave up waiting for in-flight requests");
  await stopListener();
  await closeDatabase();
  log.info({ ms: Math.round(performance.now() - started) }, "shutdown: done");
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * In a Next.js process: on SIGTERM, Next's own handler stops accepting and exits once the
 * requests in flight are done; this, beside it, first ends the process's streams (with a
 * go-away: readers reconnect elsewhere), which would otherwise hold Next's server open,
 * and stops the scheduler and the listener. The pool closes with the process, after the
 * last request that might use it.
 */
export function stopOnSignal(): void {
  process.once("SIGTERM", () => {
    if (isShuttingDown()) return;
    store[key] = true;
    const readers = broadcaster().disconnectAll();
    logger().info({ readers }, "shutdown: told every reader to reconnect elsewhere");
    void stopScheduler().then(stopListener);
  });
}
