import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { liveness, readiness } from "@/lib/observability/health";
import { logger } from "@/lib/observability/logger";
import { mayReadMetrics } from "@/lib/observability/metrics-access";
import { metricsContentType, metricsText } from "@/lib/observability/metrics-text";
import type { BackendPool } from "./backends";

/**
 * GET /api/health on the stream tier (what a load balancer probes). `?probe=live`: this
 * process runs. Otherwise readiness: Postgres answers, this process LISTENs and is not
 * stopping, and at least one Next.js process is ready to take what it forwards; else 503.
 */
export async function answerHealth(request: IncomingMessage, response: ServerResponse, pool: BackendPool) {
  const probe = new URL(request.url ?? "/", "http://localhost").searchParams.get("probe");
  if (probe === "live") return json(response, 200, liveness());
  if (probe !== null && probe !== "ready")
    return json(response, 400, { error: "`probe` is `live` or `ready` (the default)." });
  const ready = await readiness();
  const next = { reader: pool.readyCount("reader"), newsroom: pool.readyCount("newsroom") };
  const status = ready.status === "ok" && next.reader + next.newsroom === 0 ? "degraded" : ready.status;
  json(response, status === "ok" ? 200 : 503, { ...ready, status, next });
}

/** GET /api/metrics: the whole box's metrics, summed by the supervisor; see docs/operations.md. */
export async function answerMetrics(request: IncomingMessage, response: ServerResponse) {
  if (!mayReadMetrics(headersOf(request))) {
    response.writeHead(403, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" });
    return void response.end("Metrics need the bearer token (HERALD_METRICS_TOKEN), or a local caller.\n");
  }
  try {
    const text = await metricsText();
    response.writeHead(200, { "Content-Type": metricsContentType, "Cache-Control": "no-store" }).end(text);
  } catch (error) {
    logger().error({ err: error }, "metrics: could not collect");
    response.writeHead(503, { "Retry-After": "5", "Content-Type": "text/plain; charset=utf-8" });
    response.end("Metrics are not available right now.\n");
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  response.end(JSON.stringify(body));
}

function headersOf(request: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}
