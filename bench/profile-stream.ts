// What does one SSE reader cost Herald? Starts Postgres, one production server process
// (scripts/server-worker.ts, over the .next build) and N raw-socket readers of one event,
// then prints: accept rate, memory per reader after full GC (RSS and JS heap, minus the
// idle figure), and the time from publish to the last reader for a few posts.
//
//   node --conditions=react-server --import tsx bench/profile-stream.ts --readers 5000 [--fast 0|1] [--cpu-prof]
//
// --fast 0 forces the Next route handler (HERALD_SSE_FAST_PATH=0); --cpu-prof writes a
// V8 CPU profile of the server to bench/.work/, --snapshot a heap snapshot with the readers
// connected (summarise it with bench/heap-summary.ts). A profiling tool, not the benchmark
// (that is `npm run bench`): one process, one load generator, quick.
import { fork } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createAccount } from "@/lib/auth/create-account";
import { db } from "@/lib/db";
import { createEvent } from "@/lib/events/create-event";
import { publishPost } from "@/lib/posts/publish-post";
import { startEmbeddedPostgres } from "../runtime/database/embedded-postgres";
import { applyMigrations } from "../runtime/database/schema-engine";

const { values: args } = parseArgs({
  options: {
    readers: { type: "string", default: "5000" },
    fast: { type: "string", default: "1" },
    posts: { type: "string", default: "5" },
    port: { type: "string", default: process.env.PORT ?? "3040" },
    "pg-port": { type: "string", default: process.env.HERALD_PG_PORT ?? "5473" },
    "cpu-prof": { type: "boolean", default: false },
    inflight: { type: "string", default: "256" },
    snapshot: { type: "boolean", default: false },
  },
});
const readers = Number(args.readers);
const port = Number(args.port);
const root = path.resolve(import.meta.dirname, "..");
const work = path.join(root, "bench/.work");
fs.mkdirSync(work, { recursive: true });

const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), "herald-profile-pg-"));
const postgres = await startEmbeddedPostgres({ dir: pgDir, port: Number(args["pg-port"]), persistent: false });
process.env.DATABASE_URL = postgres.url;
process.env.NEXTAUTH_SECRET ??= "profile-secret-that-is-long-enough";
await applyMigrations(postgres.url);
const editor = await createAccount({ email: `p${Date.now()}@herald.test`, password: "profile-pass-1", name: "P" });
const event = await createEvent(editor, { title: "Profile", slug: `profile-${Date.now()}` });
await publishPost(editor, event.id, { body: "Before anyone came." });

const server = fork(path.join(root, "scripts/server-worker.ts"), [], {
  cwd: root,
  execArgv: [
    "--expose-gc",
    "--import",
    "tsx",
    "--import",
    path.join(root, "bench/profile-probe.ts"),
    ...(args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${work}`] : []),
  ],
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "0.0.0.0",
    NEXTAUTH_URL: `http://localhost:${port}`,
    HERALD_MAX_READERS: String(readers + 1000),
    HERALD_SSE_FAST_PATH: args.fast,
    NEXT_TELEMETRY_DISABLED: "1",
  },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});
await new Promise<void>((resolve) => server.on("message", (m: { type?: string }) => m.type === "ready" && resolve()));

type Probe = { rss: number; heapUsed: number; external: number; arrayBuffers: number; gc: boolean };
function probe(snapshot?: string): Promise<Probe> {
  return new Promise((resolve) => {
    const onMessage = (m: Probe & { type?: string }) => {
      if (m.type !== "probe") return;
      server.off("message", onMessage);
      resolve(m);
    };
    server.on("message", onMessage);
    server.send({ type: "probe", snapshot });
  });
}

const streamPath = `/api/events/${event.slug}/stream`;
const request = `GET ${streamPath} HTTP/1.1\r\nHost: localhost:${port}\r\nAccept: text/event-stream\r\n\r\n`;

/** One reader on a raw socket: only notes the last change id it has seen. */
type Reader = { socket: net.Socket; headers: boolean; open: boolean; lastId: number };
const sockets: Reader[] = [];
let seen = 0; // readers that have seen the id in `waitingFor`
let waitingFor = -1;

function connect(index: number): Promise<Reader> {
  // Spread over destination addresses: one address gives ~28k source ports.
  const host = `127.0.0.${2 + (index % 50)}`;
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const reader: Reader = { socket, headers: false, open: false, lastId: 0 };
    socket.setNoDelay(true);
    socket.once("error", reject);
    socket.on("connect", () => socket.write(request));
    socket.on("data", (chunk: Buffer) => {
      const text = chunk.toString("latin1");
      if (!reader.headers) {
        if (!text.startsWith("HTTP/1.1 200")) return reject(new Error(text.slice(0, 200)));
        reader.headers = true;
      }
      if (!reader.open) {
        if (!text.includes("retry:")) return; // wait for the first message
        reader.open = true;
        resolve(reader);
      }
      for (let at = text.indexOf("id: "); at >= 0; at = text.indexOf("id: ", at + 4)) {
        const id = Number(text.slice(at + 4, text.indexOf("\n", at)));
        if (id > reader.lastId) {
          reader.lastId = id;
          if (id >= waitingFor && waitingFor >= 0) seen++;
        }
      }
    });
  });
}

// Warm up (compile the route, open the pool), then the idle figure.
for (let i = 0; i < 20; i++) (await connect(i)).socket.destroy();
await sleep(500);
const snapshotOf = (what: string) =>
  args.snapshot ? path.join(work, `${what}-fast-${args.fast}.heapsnapshot`) : undefined;
const idle = await probe(snapshotOf("idle"));

const started = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: Number(args.inflight) }, async () => {
    while (next < readers) sockets.push(await connect(next++));
  }),
);
const acceptMs = performance.now() - started;
await sleep(1_000);
const loaded = await probe();
if (args.snapshot) await probe(snapshotOf(`readers-${readers}`));

const fanouts: number[] = [];
const publishes: number[] = [];
for (let i = 0; i < Number(args.posts); i++) {
  seen = 0;
  const t0 = performance.now();
  waitingFor = Number.MAX_SAFE_INTEGER; // not until we know the seq
  const { seq } = await publishPost(editor, event.id, { body: `Post ${i}: ${"words ".repeat(40)}` });
  publishes.push(performance.now() - t0);
  seen = sockets.filter((r) => r.lastId >= seq).length;
  waitingFor = seq;
  while (seen < sockets.length) await sleep(1);
  fanouts.push(performance.now() - t0);
  await sleep(300);
}

const kib = (bytes: number) => (bytes / 1024).toFixed(1);
const per = (key: keyof Probe) => ((loaded[key] as number) - (idle[key] as number)) / readers;
console.log(
  JSON.stringify(
    {
      path: args.fast === "0" ? "next route handler" : "fast path (plain node:http)",
      readers,
      acceptPerSec: Math.round(readers / (acceptMs / 1000)),
      gc: loaded.gc,
      idleMiB: { rss: kib(idle.rss / 1024), heap: kib(idle.heapUsed / 1024) },
      perReaderKiB: { rss: kib(per("rss")), heap: kib(per("heapUsed")), external: kib(per("external")) },
      fanoutMs: fanouts.map(Math.round),
      publishMs: publishes.map(Math.round),
    },
    null,
    2,
  ),
);

for (const reader of sockets) reader.socket.destroy();
server.kill("SIGINT");
await new Promise((resolve) => server.once("exit", resolve));
await db.$disconnect();
await postgres.stop();
fs.rmSync(pgDir, { recursive: true, force: true });

function sleep(ms: number) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
