import { logger } from "@/lib/observability/logger";
import { mayReadMetrics } from "@/lib/observability/metrics-access";
import { metricsContentType, metricsText } from "@/lib/observability/metrics-text";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/metrics — Prometheus text format; see docs/operations.md for each metric. */
export async function GET(request: Request) {
  if (!mayReadMetrics(request.headers)) {
    return new Response("Metrics need the bearer token (HERALD_METRICS_TOKEN), or a local caller.\n", {
      status: 403,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  try {
    return new Response(await metricsText(), {
      headers: { "Content-Type": metricsContentType, "Cache-Control": "no-store" },
    });
  } catch (error) {
    logger().error({ err: error }, "metrics: could not collect");
    return new Response("Metrics are not available right now.\n", { status: 503, headers: { "Retry-After": "5" } });
  }
}
