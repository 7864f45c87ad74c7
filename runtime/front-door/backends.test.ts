import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { waitUntil } from "@/test/wait";
import { BackendPool } from "./backends";

// A real HTTP server stands in for a Next.js process's liveness endpoint; the test decides
// how it answers: at once, late (past the probe's timeout), with a 503, or not at all.

type Mode = "ok" | "late" | "unavailable";
const cleanups: (() => unknown)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeProcess() {
  const state = { mode: "ok" as Mode, probes: 0 };
  const server = http.createServer((request, response) => {
    state.probes++;
    if (state.mode === "ok") return void response.end("ok");
    if (state.mode === "unavailable") return void response.writeHead(503).end();
    setTimeout(() => response.end("late"), 1_000).unref(); // past the 100 ms timeout below
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  server.unref();
  return { state, url, server };
}

function poolOf(url: string) {
  const pool = new BackendPool([{ role: "newsroom", url }], { probeEveryMs: 20, probeTimeoutMs: 100 });
  cleanups.push(() => pool.stop());
  return pool;
}

describe("BackendPool", () => {
  it("keeps a process that answers one probe late, and drops one that stops answering", async () => {
    const process = await fakeProcess();
    const pool = poolOf(process.url);
    await pool.start();
    expect(pool.readyCount("newsroom")).toBe(1);

    // One late answer: still in rotation (a busy box, not an outage).
    process.state.mode = "late";
    const before = process.state.probes;
    await waitUntil(() => process.state.probes >= before + 1, { message: "a late probe" });
    await waitUntil(() => (pool.all[0]!.misses ?? 0) >= 1, { message: "the miss to count" });
    expect(pool.all[0]!.ready).toBe(true);
    expect(pool.pick("newsroom")).toBeDefined();

    // Three in a row: out of rotation. Answering again: back at once.
    await waitUntil(() => !pool.all[0]!.ready, { message: "the silent process to leave the rotation" });
    expect(pool.all[0]!.misses).toBeGreaterThanOrEqual(3);
    process.state.mode = "ok";
    await waitUntil(() => pool.all[0]!.ready, { message: "the process to come back" });
    expect(pool.all[0]!.misses).toBe(0);
  });

  it("drops a process that says it is not live, or refuses the connection, at once", async () => {
    const process = await fakeProcess();
    const pool = poolOf(process.url);
    await pool.start();
    process.state.mode = "unavailable";
    await waitUntil(() => !pool.all[0]!.ready, { message: "a 503 to take it out" });
    expect(pool.all[0]!.misses ?? 0).toBe(0);

    process.state.mode = "ok";
    await waitUntil(() => pool.all[0]!.ready, { message: "the process to come back" });
    process.server.closeAllConnections();
    await new Promise((resolve) => process.server.close(resolve));
    await waitUntil(() => !pool.all[0]!.ready, { message: "a refused connection to take it out" });
    expect(pool.all[0]!.misses).toBeLessThan(3);
  });
});
