import { execFileSync } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { bearer } from "@/test/api";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { freePort, ServerProcess, stopAllServers } from "@/test/server-process";
import { SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";

// The tiers `npm start` runs (runtime/supervisor.ts): a stream-tier process at the front
// door, a reader and a newsroom Next.js process behind it. What only shows across processes:
// routing per request, answers during start-up, a Next.js process dying, metrics of all.
let box: ServerProcess | undefined;
let owner: TestUser;

beforeAll(async () => {
  [box, owner] = await Promise.all([ServerProcess.start(), makeUser()]);
}, 180_000);

afterAll(async () => {
  await stopAllServers();
});

/** The log lines the stream tier wrote for requests to `path`. */
function requestLines(server: ServerProcess, path: string): { tier: string; status: number; method: string }[] {
  return server.log
    .split("\n")
    .filter((line) => line.includes('"msg":"request"') && line.includes(`"path":"${path}"`))
    .map((line) => JSON.parse(line) as { tier: string; status: number; method: string });
}

/** Requests on one keep-alive connection, one after another. */
function onOneConnection(server: ServerProcess) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = http.request(`${server.url}${path}`, { method, headers, agent }, (response) => {
        sockets.add(response.socket);
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => resolve({ status: response.statusCode!, text }));
      });
      request.on("error", reject);
      request.end(body);
    });
  return { send, connections: () => sockets.size, close: () => agent.destroy() };
}

/** The box's processes: the supervisor's children, by what they run. */
function childrenOf(pid: number): { pid: number; args: string }[] {
  const out = execFileSync("ps", ["--ppid", String(pid), "-o", "pid=,args="], { encoding: "utf8" });
  return out
    .trim()
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line)!)
    .map(([, child, args]) => ({ pid: Number(child), args: args! }));
}

describe("the stream tier in front of Next.js", () => {
  it("routes each request, not each connection: a publish after a page view on one connection goes to the newsroom", async () => {
    const event = await makeEvent(owner);
    const { secret } = await createApiToken(owner, event.id, { name: "Wire" });
    const connection = onOneConnection(box!);
    try {
      expect((await connection.send("GET", `/e/${event.slug}?tiers=1`)).status).toBe(200);
      expect((await connection.send("GET", `/api/events/${event.slug}/updates?since=0`)).status).toBe(200);
      const posted = await connection.send(
        "POST",
        `/api/v1/events/${event.slug}/posts`,
        { ...bearer(secret), "content-type": "application/json" },
        JSON.stringify({ body: "Through the newsroom" }),
      );
      expect(posted.status).toBe(201);
      expect(connection.connections()).toBe(1);
    } finally {
      connection.close();
    }
    await waitUntil(() => requestLines(box!, `/api/v1/events/${event.slug}/posts`).length === 1, {
      message: "the publish's log line",
    });
    expect(requestLines(box!, `/e/${event.slug}`)[0]!.tier).toBe("cache");
    expect(requestLines(box!, `/api/events/${event.slug}/updates`)[0]!.tier).toBe("reader");
    expect(requestLines(box!, `/api/v1/events/${event.slug}/posts`)[0]).toMatchObject({
      tier: "newsroom",
      status: 201,
    });
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("keeps readers' streams itself and shows every process in one metrics scrape", async () => {
    const event = await makeEvent(owner);
    const controller = new AbortController();
    const response = await fetch(`${box!.url}/api/events/${event.slug}/stream`, { signal: controller.signal });
    const reader = new SseReader(response.body!);
    try {
      await reader.until((events) => events.some((e) => e.retry !== null), 10_000);
      const text = await (await fetch(`${box!.url}/api/metrics`)).text();
      const series = [...text.matchAll(/^herald_sse_readers\{pid="(\d+)"\} (\d+)$/gm)];
      const pids = new Set(series.map((m) => Number(m[1])));
      const children = childrenOf(box!.pid!).map((child) => child.pid);
      expect(children).toHaveLength(3);
      expect([...pids].sort()).toEqual([...children].sort());
      expect(series.reduce((sum, m) => sum + Number(m[2]), 0)).toBe(1);
    } finally {
      controller.abort();
    }
  });

  it("replaces a Next.js process that dies, answering meanwhile with a page or a 503 and Retry-After, never a reset", async () => {
    const event = await makeEvent(owner);
    const readerProcess = childrenOf(box!.pid!).find((child) => /next-server|next start/.test(child.args))!;
    process.kill(readerProcess.pid, "SIGKILL");
    const statuses = new Set<number>();
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${box!.url}/sign-in`);
      statuses.add(response.status);
      if (response.status === 503) expect(response.headers.get("retry-after")).toMatch(/^\d+$/);
      await response.text();
      if (childrenOf(box!.pid!).length === 3 && response.status === 200 && statuses.size > 0) break;
      await sleep(100);
    }
    expect([...statuses].every((status) => status === 200 || status === 503)).toBe(true);
    await waitUntil(async () => (await fetch(`${box!.url}/api/health`)).status === 200, {
      message: "the box ready again",
      timeoutMs: 60_000,
    });
    expect((await fetch(`${box!.url}/e/${event.slug}`)).status).toBe(200);
  });
});

describe("start-up", () => {
  it("never answers with an empty reply or a reset: it refuses to connect, answers 503 with Retry-After, or serves", async () => {
    const port = await freePort();
    const event = await makeEvent(owner);
    const { secret } = await createApiToken(owner, event.id, { name: "Start-up" });
    const outcomes = new Map<string, number>();
    const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    let published = false;
    let stopped = false;
    // From before the port exists until a publish goes through: one request after another.
    const prober = (async () => {
      while (!stopped && !published) {
        const outcome = await new Promise<string>((resolve) => {
          const request = http.request(
            `http://127.0.0.1:${port}/api/v1/events/${event.slug}/posts`,
            { method: "POST", agent: false, headers: { ...bearer(secret), "content-type": "application/json" } },
            (response) => {
              response.resume();
              if (response.statusCode === 503 && !response.headers["retry-after"])
                return resolve("503 without Retry-After");
              if (response.statusCode === 201) published = true;
              response.on("end", () => resolve(String(response.statusCode)));
            },
          );
          request.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
          request.end(JSON.stringify({ body: "The first publish after a start" }));
        });
        count(outcome);
        if (outcome === "ECONNREFUSED") await sleep(20);
      }
    })();
    const started = await ServerProcess.start({ port });
    await waitUntil(() => published, { message: "a publish through the new box", timeoutMs: 60_000 });
    stopped = true;
    await prober;
    await started.stop();
    const seen = [...outcomes.keys()];
    expect(
      seen.filter((outcome) => !["ECONNREFUSED", "503", "201"].includes(outcome)),
      JSON.stringify([...outcomes]),
    ).toEqual([]);
    expect(outcomes.get("201")).toBe(1);
    expect(await db.post.count({ where: { eventId: event.id } })).toBe(1);
  });
});
