import type { Instrumentation } from "next";

// Runs once when a Next.js server process starts. Open the LISTEN connection now rather
// than on the first reader, so the first reader does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureListener } = await import("./lib/realtime/listener");
  ensureListener();
  // Scheduled posts are published by whichever process gets to them first.
  const { ensureScheduler } = await import("./lib/posts/scheduler");
  ensureScheduler();
  const { metrics } = await import("./lib/observability/metrics");
  metrics();
  // On SIGTERM Next stops accepting and lets requests in flight finish; this sends the
  // process's stream readers elsewhere first (their streams would hold it open), stops the
  // scheduler and closes the Postgres connections.
  const { stopOnSignal } = await import("./lib/process/shutdown");
  stopOnSignal();
  const { exitWithSupervisor } = await import("./lib/process/supervised");
  exitWithSupervisor();
}

/** Errors Next.js caught while rendering or handling a request: one JSON log line each. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logger } = await import("./lib/observability/logger");
  const reqId = request.headers["x-request-id"];
  logger().error(
    { err: error, reqId, method: request.method, path: request.path.split("?", 1)[0], route: context.routePath },
    "request failed",
  );
};
