import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { db } from "@/lib/db";
import { publishPost } from "@/lib/posts/publish-post";
import { makeEvent, makeUser } from "@/test/factories";
import { expectReaderSentElsewhere, freePort, requireBuild, serverEnv } from "@/test/server-process";
import { SseReader } from "@/test/sse";
import { sleep, waitUntil } from "@/test/wait";

// `npm start`'s process model: two stream processes accept on the shared port, serve the
// readers' streams, and pass every other connection (by its first bytes), through the
// node:cluster primary, to the reader process or the newsroom process. A scrape reaches
// one of those, which asks the primary; the primary's AggregatorRegistry collects every
// worker's metrics. SIGTERM to the primary drains all of them and exits 0.
const root = path.resolve(import.meta.dirname, "../..");
const runner = `
import { startCluster } from "./scripts/server-cluster.ts";
const stop = await startCluster({ streamWorkers: 2, readerWorkers: 1, newsroomWorkers: 1, env: process.env });
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
    env: serverEnv(port),
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

type Health = { pid: number; role: string; readers: number };
const health = async (headers: Record<string, string> = {}): Promise<Health> => {
  // A connection each (no keep-alive), so that each is routed afresh.
  const response = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { ...headers, Connection: "close" } });
  expect(response.status).toBe(200);
  return (await response.json()) as Health;
};

/** Sends raw bytes in parts, with pauses between them, and returns the whole response. */
function rawExchange(parts: string[], pauseMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    let answer = "";
    socket.setEncoding("latin1");
    socket.on("data", (chunk: string) => (answer += chunk));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
    socket.on("connect", async () => {
      for (const [i, part] of parts.entries()) {
        if (i > 0) await sleep(pauseMs);
        socket.write(part);
      }
    });
  });
}

describe("the cluster's front door", () => {
  it("keeps streams, hands pages to the reader process and the newsroom to its own", { timeout: 60_000 }, async () => {
    const readers = new Set<number>();
    for (let i = 0; i < 6; i++) {
      const answer = await health();
      expect(answer.role).toBe("reader");
      readers.add(answer.pid);
    }
    const credentials: Record<string, string>[] = [
      { Cookie: "next-auth.session-token=x" },
      { Authorization: "Bearer x" },
    ];
    let newsroom = 0;
    for (const headers of credentials) {
      const answer = await health(headers);
      expect(answer.role).toBe("newsroom");
      newsroom = answer.pid;
    }
    expect(readers.has(newsroom)).toBe(false);

    // Streams stay in the stream processes: no Next process's event loop holds one.
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const streams = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const response = await fetch(`http://127.0.0.1:${port}/api/events/${event.slug}/stream`);
        const reader = new SseReader(response.body);
        await reader.until((events) => events.some((e) => e.retry !== null));
        return reader;
      }),
    );
    const metrics = await (await fetch(`http://127.0.0.1:${port}/api/metrics`)).text();
    const held = new Map(
      [...metrics.matchAll(/^herald_sse_readers\{pid="(\d+)"\} (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]),
    );
    expect(held.size).toBe(4);
    expect(held.get(newsroom)).toBe(0);
    for (const pid of readers) expect(held.get(pid)).toBe(0);
    expect([...held.values()].reduce((a, b) => a + b, 0)).toBe(4);

    // A publish whose body comes after its head, in pieces: the stream process that
    // accepted it read only the first bytes, and the newsroom process reads the rest from
    // the socket itself.
    const { secret } = await createApiToken(owner, event.id, { name: "Split writer" });
    const body = JSON.stringify({ body: `Split across packets ${"x".repeat(3_000)}` });
    const head = [
      `POST /api/v1/events/${event.slug}/posts HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      `Authorization: Bearer ${secret}`,
      "Content-Type: application/json",
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close",
      "",
      "",
    ].join("\r\n");
    const answer = await rawExchange([head.slice(0, 40), head.slice(40), body.slice(0, 1_000), body.slice(1_000)], 50);
    expect(answer.split("\r\n", 1)[0]).toBe("HTTP/1.1 201 Created");
    const stored = await db.post.findFirstOrThrow({ where: { eventId: event.id } });
    expect(stored.bodyMarkdown).toBe(JSON.parse(body).body);
    // … and every reader, on either stream process, gets it.
    for (const stream of streams) {
      const { met } = await stream.until((events) => events.some((e) => e.event === "post.published"));
      expect(met).toBe(true);
      await stream.cancel();
    }
  });
});

/**
 * What a browser does: a page (here the reader process's health answer), then its
 * EventSource on the same kept-alive connection. Resolves once the stream has begun.
 */
async function streamOnPageConnection(slug: string) {
  const socket = net.connect({ host: "127.0.0.1", port });
  let received = "";
  socket.setEncoding("latin1").on("data", (chunk: string) => (received += chunk));
  const host = `Host: 127.0.0.1:${port}`;
  socket.write(`GET /api/health HTTP/1.1\r\n${host}\r\n\r\n`);
  // The whole answer: its JSON, and the chunked body's end if it is chunked.
  const answered = () => /"role":"reader"[\s\S]*}(?:\r\n0\r\n\r\n)?$/.test(received);
  await waitUntil(answered, { timeoutMs: 10_000, message: "the reader's answer" }).catch((error: Error) => {
    throw new Error(`${error.message}\n${JSON.stringify(received)}`);
  });
  const readerPid = Number(/"pid":(\d+)/.exec(received)![1]);
  expect(received).not.toMatch(/connection: close/i);

  received = "";
  socket.write(`GET /api/events/${slug}/stream HTTP/1.1\r\n${host}\r\nAccept: text/event-stream\r\n\r\n`);
  await waitUntil(() => received.includes("retry:"), { timeoutMs: 10_000, message: "the stream" });
  expect(received).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  expect(received).toMatch(/content-type: text\/event-stream/i);
  return { socket, readerPid, received: () => received };
}

describe("a stream asked for on a page's connection", () => {
  it("goes on to a stream process, and stays live", { timeout: 60_000 }, async () => {
    const owner = await makeUser();
    const event = await makeEvent(owner);
    const stream = await streamOnPageConnection(event.slug);

    const metrics = await (
      await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { Connection: "close" } })
    ).text();
    const held = new Map(
      [...metrics.matchAll(/^herald_sse_readers\{pid="(\d+)"\} (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]),
    );
    expect(held.get(stream.readerPid)).toBe(0);

    await publishPost(owner, event.id, { body: "Through the stream process" });
    await waitUntil(() => stream.received().includes("event: post.published"), {
      timeoutMs: 10_000,
      message: "the post",
    });
    expect(stream.received()).toContain("Through the stream process");
    stream.socket.destroy();
  });

  it("is served where it came when it is pipelined behind an answer still being written", async () => {
    const event = await makeEvent(await makeUser());
    const host = `Host: 127.0.0.1:${port}`;
    const socket = net.connect({ host: "127.0.0.1", port });
    let received = "";
    socket.setEncoding("latin1").on("data", (chunk: string) => (received += chunk));
    socket.write(
      `GET /api/health HTTP/1.1\r\n${host}\r\n\r\n` +
        `GET /api/events/${event.slug}/stream HTTP/1.1\r\n${host}\r\n\r\n`,
    );
    await waitUntil(() => received.includes("retry:"), { timeoutMs: 10_000, message: "the stream" });
    // Both answers, in order: the first was not cut short by moving the connection.
    expect(received).toMatch(
      /^HTTP\/1\.1 200 OK\r\n[\s\S]*"role":"reader"[\s\S]*\r\nHTTP\/1\.1 200 OK\r\n[\s\S]*retry:/,
    );
    socket.destroy();
  });

  it("loses no request when many arrive at once", { timeout: 60_000 }, async () => {
    // Each connection passes through the primary twice (to the reader process, then on to
    // a stream process); a copy of the socket left reading there lost the next request.
    const event = await makeEvent(await makeUser());
    const streams = await Promise.all(Array.from({ length: 40 }, () => streamOnPageConnection(event.slug)));
    for (const stream of streams) stream.socket.destroy();
  });
});

describe("readiness under node:cluster", () => {
  type Readiness = {
    status: string;
    listener: boolean;
    readers: number;
    unanswered: number;
    processes: { pid: number; role: string; listener: boolean }[];
  };
  const readiness = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, { headers: { Connection: "close" } });
    return { status: response.status, body: (await response.json()) as Readiness };
  };

  it("asks every process whether it LISTENs; a stream process that cannot answer makes it 503", async () => {
    const { status, body } = await readiness();
    expect(status).toBe(200);
    expect(body.processes.map((each) => each.role).sort()).toEqual(["newsroom", "reader", "stream", "stream"]);
    expect(body.processes.every((each) => each.listener)).toBe(true);
    expect(body.unanswered).toBe(0);

    // A stream process that has stopped (here, SIGSTOP) holds readers who get nothing.
    const stopped = body.processes.find((each) => each.role === "stream")!.pid;
    process.kill(stopped, "SIGSTOP");
    try {
      const degraded = await readiness();
      expect(degraded.status).toBe(503);
      expect(degraded.body).toMatchObject({ status: "degraded", listener: false, unanswered: 1 });
      expect(degraded.body.processes.map((each) => each.pid)).not.toContain(stopped);
    } finally {
      process.kill(stopped, "SIGCONT");
    }
    await waitUntil(async () => (await readiness()).status === 200, { message: "ready again" });
  });
});

describe("metrics under node:cluster", () => {
  it("one scrape shows every worker, and SIGTERM drains them all", { timeout: 60_000 }, async () => {
    const before = await (await fetch(`http://127.0.0.1:${port}/api/metrics`)).text();
    const scraped = (text: string) =>
      Number(/^herald_http_responses_total\{route="metrics",method="GET",status="200"\} (\d+)$/m.exec(text)?.[1] ?? 0);
    // Several scrapes: whichever process the primary hands each to, the answer covers all four.
    for (let i = 1; i <= 4; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/api/metrics`, { headers: { Connection: "close" } });
      const text = await response.text();
      expect(response.status, text).toBe(200);
      const pids = [...text.matchAll(/^herald_sse_readers\{pid="(\d+)"\} \d+$/gm)].map((m) => m[1]);
      expect(new Set(pids).size).toBe(4);
      // HTTP responses are counted as they finish: the earlier scrapes, summed over workers.
      expect(scraped(text)).toBe(scraped(before) + i);
    }

    // A reader connected through a stream process (answered on its socket)...
    const event = await makeEvent(await makeUser());
    const response = await fetch(`http://127.0.0.1:${port}/api/events/${event.slug}/stream`);
    const reader = new SseReader(response.body);
    await reader.until((events) => events.some((e) => e.retry !== null));

    // The reader process has just handed a stream on, and drains all the same.
    const handedOn = await streamOnPageConnection(event.slug);

    // ...is told to come back elsewhere when the primary is told to stop.
    await expectReaderSentElsewhere(primary!, reader);
    expect(output.match(/"msg":"shutdown: done"/g)?.length).toBe(4);
    expect(output).not.toMatch(/unhandled rejection/i);
    handedOn.socket.destroy();
  });
});
