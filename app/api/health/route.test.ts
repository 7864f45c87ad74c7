import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { ensureListener } from "@/lib/realtime/listener";
import packageJson from "@/package.json";
import { waitUntil } from "@/test/wait";
import { GET } from "./route";

// Degraded readiness (Postgres gone) is covered by test/processes/postgres-outage.test.ts,
// against a server process whose own Postgres is really stopped.
// Readiness allows Postgres 1 s (databaseCheckTimeoutMs): the pool's first connection is
// made here, not by the probe, and the listener is given all the time it needs.
beforeAll(async () => {
  const listener = ensureListener();
  await db.$queryRaw`SELECT 1`;
  await waitUntil(() => listener.connected, { timeoutMs: 60_000, message: "the listener to connect" });
});

const get = (query = "") => GET(new Request(`http://localhost/api/health${query}`));

/**
 * The probe's answer once it is ready. On a machine slowed down many times over, a single
 * probe may honestly find Postgres slower than its 1 s budget (503): ask again, within a
 * generous deadline, rather than assume the first answer comes in time.
 */
async function whenReady(query = ""): Promise<Response> {
  let response: Response | undefined;
  await waitUntil(async () => (response = await get(query)).status === 200, {
    timeoutMs: 60_000,
    intervalMs: 200,
    message: `GET /api/health${query} to answer 200`,
  });
  return response!;
}

describe("GET /api/health", () => {
  it("is ready when Postgres answers and the listener is connected", async () => {
    const response = await whenReady();
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      status: "ok",
      database: true,
      listener: true,
      readers: expect.any(Number),
      version: { version: packageJson.version },
      uptimeSeconds: expect.any(Number),
      pid: process.pid,
      role: "all",
    });
    // `?probe=ready` asks the same; whenReady fails the test if it never answers 200.
    await whenReady("?probe=ready");
  });

  it("answers the liveness probe without touching anything external", async () => {
    const response = await get("?probe=live");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: "ok", version: { version: packageJson.version } });
    expect(body).not.toHaveProperty("database");
  });

  it("refuses an unknown probe", async () => {
    expect((await get("?probe=deep")).status).toBe(400);
  });
});
