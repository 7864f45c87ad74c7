import { liveness, readiness } from "@/lib/observability/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const noStore = { "Cache-Control": "no-store" };

/**
 * GET /api/health — readiness: 200 when Postgres answers (within 1 s) and this process is
 * LISTENing (under `npm start`: every server process is, and each answered), else 503 (a
 * load balancer stops sending it traffic; so does a shutdown).
 * GET /api/health?probe=live — liveness: 200 whenever the process runs (restart it if not).
 */
export async function GET(request: Request) {
  const probe = new URL(request.url).searchParams.get("probe");
  if (probe === "live") return Response.json(liveness(), { headers: noStore });
  if (probe !== null && probe !== "ready") {
    return Response.json({ error: "`probe` is `live` or `ready` (the default)." }, { status: 400, headers: noStore });
  }
  const ready = await readiness();
  return Response.json(ready, { status: ready.status === "ok" ? 200 : 503, headers: noStore });
}
