import { db } from "@/lib/db";
import { ensureListener } from "@/lib/realtime/listener";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** GET /api/health — ready when Postgres answers and this process is listening. */
export async function GET() {
  const listener = ensureListener();
  const database = await db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  const ready = database && listener.connected;
  return Response.json(
    {
      status: ready ? "ok" : "degraded",
      database,
      listener: listener.connected,
      uptimeSeconds: Math.round(process.uptime()),
    },
    { status: ready ? 200 : 503 },
  );
}
