import { beforeAll, describe, expect, it } from "vitest";
import { ensureListener } from "@/lib/realtime/listener";
import packageJson from "@/package.json";
import { waitUntil } from "@/test/wait";
import { GET } from "./route";

// Degraded readiness (Postgres gone) is covered by test/processes/postgres-outage.test.ts,
// against a server process whose own Postgres is really stopped.
beforeAll(async () => {
  const listener = ensureListener();
  await waitUntil(() => listener.connected, { message: "the listener to connect" });
});

const get = (query = "") => GET(new Request(`http://localhost/api/health${query}`));

describe("GET /api/health", () => {
  it("is ready when Postgres answers and the listener is connected", async () => {
    const response = await get();
    expect(response.status).toBe(200);
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
    expect((await get("?probe=ready")).status).toBe(200);
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
