import type { Instrumentation } from "next";

// Runs once when a server process starts. Open the LISTEN connection now rather than on
// the first reader, so the first reader does not wait for it.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensureListener } = await import("./lib/realtime/listener");
  ensureListener();
  // Scheduled posts are published by whichever process gets to them first.
  const { ensureScheduler } = await import("./lib/posts/scheduler");
  ensureScheduler();
  // Metrics from the start (a cluster worker must answer the primary's scrapes), and the
  // logger, request ids, HTTP counts and graceful shutdown for the custom server.
  const { metrics } = await import("./lib/observability/metrics");
  metrics();
  const { installServerHooks } = await import("./lib/process/server-hooks");
  installServerHooks();
  // Under `npm start`, /api/health asks every process whether it LISTENs (through the primary).
  const { answerHealthProbes } = await import("./lib/observability/cluster-health");
  answerHealthProbes();
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
