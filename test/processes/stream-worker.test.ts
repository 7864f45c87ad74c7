import { fork, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import net, { type AddressInfo, type Socket } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishPost } from "@/lib/posts/publish-post";
import { handOffMessage, type HandOff } from "@/scripts/cluster/first-bytes";
import { makeEvent, makeUser, type TestUser } from "@/test/factories";
import { expectReaderSentElsewhere, freePort, serverEnv } from "@/test/server-process";
import { SseReader } from "@/test/sse";
import { waitUntil } from "@/test/wait";

// A stream process (scripts/stream-worker.ts), run by this test as the cluster primary
// would run it: it must serve readers' streams with Next.js unloadable (the hook below
// fails any import of it), and pass every other connection, with the bytes it read and
// the role they show, to its parent.
const root = path.resolve(import.meta.dirname, "../..");
const forbidNext = pathToFileURL(path.join(root, "test/forbid-next-hook.mjs")).href;
let child: ChildProcess | undefined;
let port = 0;
let output = "";
let owner: TestUser;
const handed: { message: HandOff; socket: Socket }[] = [];

beforeAll(async () => {
  port = await freePort();
  owner = await makeUser();
  await makeEvent(owner); // a live event for its warm-up (lib/server/stream-warm-up.ts)
  let ready = false;
  child = fork(path.join(root, "scripts/stream-worker.ts"), {
    cwd: root,
    execArgv: [
      "--import",
      "tsx",
      "--import",
      `data:text/javascript,import{register}from"node:module";register(${JSON.stringify(forbidNext)})`,
    ],
    env: { ...serverEnv(port), HERALD_PROCESS_ROLE: "stream" },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const record = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-32_000));
  child.stdout?.on("data", record);
  child.stderr?.on("data", record);
  child.on("message", (message: { type?: string }, socket?: Socket) => {
    if (message.type === "ready") ready = true;
    if (message.type === handOffMessage && socket) handed.push({ message: message as HandOff, socket });
  });
  await waitUntil(() => ready || child!.exitCode !== null, { timeoutMs: 60_000, message: "the stream process" });
  if (!ready) throw new Error(`The stream process exited while starting:\n${output}`);
}, 90_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
});

const streamUrl = (slug: string) => `http://127.0.0.1:${port}/api/events/${slug}/stream`;

/** Sends `bytes` on a new connection; resolves with what the socket the parent was handed then reads. */
async function handOver(bytes: string): Promise<{ message: HandOff; rest: string; client: Socket }> {
  const count = handed.length;
  const client = net.connect({ host: "127.0.0.1", port }, () => client.write(bytes));
  await waitUntil(() => handed.length > count, { timeoutMs: 10_000, message: "the hand-off" });
  const { message, socket } = handed[count]!;
  const wanted = Buffer.byteLength(bytes, "latin1") - Buffer.byteLength(message.head, "latin1");
  let rest = "";
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => (rest += chunk));
  await waitUntil(() => rest.length >= wanted, { timeoutMs: 10_000, message: "the rest of the request" });
  socket.end("HTTP/1.1 200 OK\r\nContent-Length: 6\r\nConnection: close\r\n\r\nhanded");
  return { message, rest, client };
}

describe("a stream process", () => {
  it("warms up on a live event through its own front door before it takes readers", async () => {
    // Logged before it listens; pino writes asynchronously, so the line may come after `ready`.
    const warmedUp = () => output.split("\n").find((line) => line.includes('"server: warmed up"'));
    await waitUntil(() => warmedUp() !== undefined, {
      timeoutMs: 5_000,
      message: `the warm-up's log line in\n${output}`,
    });
    const line = warmedUp();
    // Every one of its own connections was answered as a reader would be (200, a stream).
    const { warmUp } = JSON.parse(line!) as { warmUp: { connections: number; answered: Record<string, number> } };
    expect(warmUp.connections).toBeGreaterThan(0);
    expect(warmUp.answered).toEqual({ "200": warmUp.connections });
  });

  it("serves readers' streams without Next.js, resuming from Last-Event-ID", { timeout: 30_000 }, async () => {
    const event = await makeEvent(owner);
    const live = new SseReader((await fetch(streamUrl(event.slug))).body);
    expect((await live.until((events) => events.some((e) => e.retry !== null))).met).toBe(true);

    const { post } = await publishPost(owner, event.id, { body: "From the stream process" });
    const { met } = await live.until((events) => events.some((e) => e.event === "post.published"));
    expect(met).toBe(true);
    expect(JSON.parse(live.changes[0]!.data)).toEqual({ post });
    await live.cancel();

    const resumed = await fetch(streamUrl(event.slug), { headers: { "Last-Event-ID": "0" } });
    expect(resumed.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const replay = new SseReader(resumed.body);
    expect((await replay.until((events) => events.some((e) => e.id === "1"))).met).toBe(true);
    await replay.cancel();
  });

  it("hands every other connection to its parent, with the bytes it read and their role", async () => {
    const host = `Host: 127.0.0.1:${port}`;
    const body = JSON.stringify({ body: "x".repeat(20_000) });
    const cases: { name: string; bytes: string; role: HandOff["role"] }[] = [
      { name: "a public page", bytes: `GET /e/some-event HTTP/1.1\r\n${host}\r\n\r\n`, role: "reader" },
      { name: "an editor's page", bytes: `GET /dashboard HTTP/1.1\r\n${host}\r\n\r\n`, role: "newsroom" },
      {
        name: "a publish, with its body",
        bytes: `POST /api/v1/events/e/posts HTTP/1.1\r\n${host}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
        role: "newsroom",
      },
      { name: "a stream over HTTP/1.0", bytes: `GET /api/events/e/stream HTTP/1.0\r\n${host}\r\n\r\n`, role: "reader" },
    ];
    for (const { name, bytes, role } of cases) {
      const { message, rest, client } = await handOver(bytes);
      expect(message.role, name).toBe(role);
      // Nothing lost: what it read and what it left in the socket are the whole request.
      expect(message.head + rest, name).toBe(bytes);
      let answer = "";
      client.setEncoding("latin1").on("data", (chunk: string) => (answer += chunk));
      await waitUntil(() => answer.endsWith("handed"), { timeoutMs: 5_000, message: "the answer" });
      client.destroy();
    }
  });

  it("serves a stream a reader process hands it whole, and closes what it would not answer", async () => {
    const event = await makeEvent(owner);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const handedOver = async (head: string) => {
      const accepted = once(server, "connection") as Promise<[Socket]>;
      const client = net.connect({ host: "127.0.0.1", port: (server.address() as AddressInfo).port });
      const [socket] = await accepted;
      child!.send({ type: handOffMessage, role: "stream", head } satisfies HandOff, socket);
      let received = "";
      let closed = false;
      client.setEncoding("latin1").on("data", (chunk: string) => (received += chunk));
      client.on("close", () => (closed = true));
      return { client, received: () => received, closed: () => closed };
    };

    const stream = await handedOver(`GET /api/events/${event.slug}/stream HTTP/1.1\r\nHost: x\r\n\r\n`);
    await waitUntil(() => stream.received().includes("retry:"), { timeoutMs: 10_000, message: "the stream" });
    expect(stream.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
    stream.client.destroy();

    const page = await handedOver("GET /e/some-event HTTP/1.1\r\nHost: x\r\n\r\n");
    await waitUntil(page.closed, { timeoutMs: 10_000, message: "the connection to close" });
    expect(page.received()).toBe("");
    server.close();
  });

  it("on SIGTERM, sends its readers elsewhere with a jittered retry and exits 0", { timeout: 30_000 }, async () => {
    const event = await makeEvent(owner);
    const reader = new SseReader((await fetch(streamUrl(event.slug))).body);
    await reader.until((events) => events.some((e) => e.retry !== null));
    await expectReaderSentElsewhere(child!, reader);
  });
});
