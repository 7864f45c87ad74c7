// One load-generator process (forked by bench/run.ts): holds up to ~19,000 SSE readers on
// raw sockets, spread over several destination addresses (127.0.0.2, 127.0.0.3, …) so
// that no address pair runs out of ephemeral ports, and counts and timestamps every post.
import http from "node:http";
import net from "node:net";
import type { ChurnResult, Command, ConnectResult, HammerResult, Reply, Tally } from "./protocol";
import { SseStream } from "./sse-stream";
import { now } from "./stats";

type Reader = { socket: net.Socket; stream: SseStream; subscribed: boolean; leaving: boolean };

/** Connection attempts in flight at once: more only lengthens the server's accept queue. */
const maxPending = 256;
const retryMs = 1_000;

const readers = new Set<Reader>();
const receipts = new Map<number, { count: number; firstAt: number; lastAt: number }>();
let target = { hosts: [] as string[], port: 0, request: "" };
let nextHost = 0;
let subscribed = 0;
let pending = 0;
let failures = 0;
let drops = 0;
let lastSubscribedAt = 0;
/** Readers wanted but not yet opened (queued behind maxPending). */
let wanted = 0;
let onSettled: (() => void) | undefined;

function send(reply: Reply) {
  process.send!(reply);
}

function onPost(n: number) {
  const at = now();
  let receipt = receipts.get(n);
  if (!receipt) receipts.set(n, (receipt = { count: 0, firstAt: at, lastAt: 0 }));
  receipt.count++;
  receipt.lastAt = at;
  if (receipt.count === subscribed) send({ got: n, at });
}

const readBuffer = Buffer.allocUnsafe(64 * 1024);

function onRead(reader: Reader, bytes: number): boolean {
  const { stream, socket } = reader;
  const before = stream.status;
  stream.feedBytes(readBuffer, bytes, onPost);
  if (before !== 0 || stream.status === 0) return true;
  if (stream.status === 200) {
    reader.subscribed = true;
    subscribed++;
    lastSubscribedAt = now();
    settle();
  } else {
    failures++;
    socket.destroy();
  }
  return true;
}

function open() {
  pending++;
  const host = target.hosts[nextHost++ % target.hosts.length]!;
  // `onread` hands each read to us in one shared buffer: no Buffer per read, no stream
  // machinery — the cheapest way for Node to hold many sockets that mostly wait.
  const socket = net.connect({
    host,
    port: target.port,
    onread: { buffer: readBuffer, callback: (n) => onRead(reader, n) },
  });
  const reader: Reader = { socket, stream: new SseStream(), subscribed: false, leaving: false };
  readers.add(reader);
  socket.on("connect", () => socket.write(target.request));
  socket.on("error", () => {});
  socket.on("close", () => {
    readers.delete(reader);
    if (reader.subscribed) subscribed--;
    else {
      pending--;
      // A refusal was counted when its head came in; a connection that never got one is too.
      if (!reader.leaving && reader.stream.status === 0) failures++;
    }
    if (reader.leaving) return pump();
    // A reader cut off (or refused) comes back, as a browser would; a dropped one has
    // missed what was sent meanwhile, which shows as delivered < expected.
    if (reader.subscribed) drops++;
    wanted++;
    setTimeout(pump, retryMs);
  });
}

function settle() {
  pending--;
  pump();
}

function pump() {
  while (wanted > 0 && pending < maxPending) {
    wanted--;
    open();
  }
  if (wanted === 0 && pending === 0) onSettled?.();
}

function whenSettled(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, timeoutMs);
    function done() {
      clearTimeout(timer);
      onSettled = undefined;
      resolve();
    }
    onSettled = done;
    pump();
  });
}

async function connect(command: Extract<Command, { cmd: "connect" }>): Promise<ConnectResult> {
  const host = command.hosts[0]!;
  target = {
    hosts: command.hosts,
    port: command.port,
    request: `GET ${command.path} HTTP/1.1\r\nHost: ${host}:${command.port}\r\nAccept: text/event-stream\r\nCache-Control: no-cache\r\n\r\n`,
  };
  nextHost = Math.floor(Math.random() * command.hosts.length);
  failures = 0;
  wanted += command.count;
  const cpu = process.cpuUsage();
  await whenSettled(180_000);
  const used = process.cpuUsage(cpu);
  return { subscribed, failures, lastSubscribedAt, cpuMs: (used.user + used.system) / 1000 };
}

/** A reconnect storm: the oldest readers leave and as many new ones arrive, at `perSecond`. */
async function churn({ perSecond, seconds }: { perSecond: number; seconds: number }): Promise<ChurnResult> {
  const start = now();
  const failuresBefore = failures;
  let reopened = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = Math.min(seconds * 1000, now() - start);
      const due = Math.floor((perSecond * elapsed) / 1000) - reopened;
      let left = due;
      for (const reader of readers) {
        if (left <= 0) break;
        if (!reader.subscribed || reader.leaving) continue;
        reader.leaving = true;
        reader.socket.destroy();
        wanted++;
        left--;
      }
      reopened += due - left;
      pump();
      if (elapsed >= seconds * 1000) {
        clearInterval(tick);
        resolve();
      }
    }, 20);
  });
  await whenSettled(30_000);
  return { reopened, failures: failures - failuresBefore };
}

function tally(): Tally {
  const list: Tally["receipts"] = [...receipts].map(([n, r]) => [n, r.count, r.firstAt, r.lastAt]);
  return { open: subscribed, drops, receipts: list };
}

async function close(): Promise<null> {
  wanted = 0;
  for (const reader of readers) {
    reader.leaving = true;
    reader.socket.destroy();
  }
  receipts.clear();
  drops = 0;
  return null;
}

/**
 * Page spike: `concurrency` keep-alive clients GET `url` back to back for `seconds`,
 * accepting the encodings a browser does (the bytes are counted, not decoded).
 */
async function hammer({ url, concurrency, seconds }: { url: string; concurrency: number; seconds: number }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const headers = { "accept-encoding": "gzip, deflate, br, zstd" };
  const result: HammerResult = { ok: 0, failed: 0, bytes: 0, latenciesMs: [] };
  const deadline = now() + seconds * 1000;
  const one = () =>
    new Promise<void>((resolve) => {
      const start = now();
      const request = http.get(url, { agent, headers }, (response) => {
        response.on("data", (chunk: Buffer) => (result.bytes += chunk.length));
        response.on("end", () => {
          const html = String(response.headers["content-type"] ?? "").startsWith("text/html");
          if (response.statusCode === 200 && html) result.ok++;
          else result.failed++;
          result.latenciesMs.push(now() - start);
          resolve();
        });
      });
      request.on("error", () => {
        result.failed++;
        resolve();
      });
    });
  const client = async () => {
    while (now() < deadline) await one();
  };
  await Promise.all(Array.from({ length: concurrency }, client));
  agent.destroy();
  return result;
}

process.on("message", (command: Command) => {
  const run = (): Promise<Extract<Reply, { id: number }>["result"]> => {
    switch (command.cmd) {
      case "connect":
        return connect(command);
      case "churn":
        return churn(command);
      case "tally":
        return Promise.resolve(tally());
      case "close":
        return close();
      case "hammer":
        return hammer(command);
    }
  };
  void run().then((result) => send({ id: command.id, result }));
});

// Exit normally when told to stop, so that a CPU profile (BENCH_CPU_PROF) is written.
process.on("SIGTERM", () => process.exit(0));
