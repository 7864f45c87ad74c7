import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { freePort, requireBuild } from "@/test/server-process";
import { waitUntil } from "@/test/wait";

// `npm start`'s process model: a node:cluster primary with two workers on one port. A
// scrape reaches one worker, which asks the primary; the primary's AggregatorRegistry
// collects both workers' metrics. Then SIGTERM to the primary drains both and exits 0.
const root = path.resolve(import.meta.dirname, "../..");
const runner = `
import { startCluster } from "./scripts/server-cluster.ts";
const stop = await startCluster({ workers: 2, env: process.env });
process.on("SIGTERM", async () => { await stop(); process.exit(0); });
console.log("cluster ready");
`;
let primary: ChildProcess | undefined;
let output = "";
let port = 0;

beforeAll(async () => {
  requireBuild();
  port = await freePort();
  primary = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "--eval", runner], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      DATABASE_URL: inject("databaseUrl"),
      NEXTAUTH_SECRET: "test-secret-that-is-long-enough",
      NEXTAUTH_URL: `http://127.0.0.1:${port}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const record = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-32_000));
  primary.stdout?.on("data", record);
  primary.stderr?.on("data", record);
  await waitUntil(() => output.includes("cluster ready") || primary!.exitCode !== null, {
    timeoutMs: 120_000,
    message: "the cluster to start",
  }).catch((error: Error) => {
    throw new Error(`${error.message}\n${output}`);
  });
  if (primary.exitCode !== null) throw new Error(`The cluster exited while starting:\n${output}`);
}, 150_000);

afterAll(() => {
  if (primary && primary.exitCode === null) primary.kill("SIGKILL");
});

describe("metrics under node:cluster", () => {
  it("one scrape shows every worker, and SIGTERM drains them all", { timeout: 60_000 }, async () => {
    // Several scrapes: whichever worker the primary hands each to, the answer covers both.
    for (let i = 0; i < 4; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/metrics`);
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const pids = [...text.matchAll(/^herald_sse_readers\{pid="(\d+)"\} 0$/gm)].map((m) => m[1]);
      expect(new Set(pids).size).toBe(2);
      // HTTP responses are counted as they finish: the earlier scrapes, summed over workers.
      const counted = /^herald_http_responses_total\{route="metrics",method="GET",status="200"\} (\d+)$/m.exec(text);
      expect(Number(counted?.[1] ?? 0)).toBe(i);
    }

    const exited = new Promise<number | null>((resolve) => primary!.once("exit", (code) => resolve(code)));
    primary!.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output.match(/"msg":"shutdown: done"/g)?.length).toBe(2);
  });
});
