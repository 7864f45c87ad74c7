// The process model of `npm start`, in one place:
//   stream tier — runtime/front-door/server.ts, one per core, sharing PORT (node:cluster):
//                 holds the readers' streams, forwards everything else per request;
//   reader      — Next.js (`next start` on a loopback port): public pages, feeds, assets;
//   newsroom    — Next.js: sign-in, the dashboard, publishing, the API.
// Processes share nothing but Postgres. One that dies is replaced, with backoff if it keeps
// dying. Stopping drains the stream tier first (its forwarded requests finish), then Next.
import type { ChildProcess } from "node:child_process";
import cluster from "node:cluster";
import path from "node:path";
import pino from "pino";
import { AggregatorRegistry } from "prom-client";
import { logOptions } from "../lib/observability/log-options";
import {
  metricsRequest,
  metricsResponse,
  registryRequest,
  registryResponse,
  type RegistryResponse,
} from "../lib/observability/process-messages";
import { freeLoopbackPort, startNextProcess, type NextRole } from "./next-process";

export type Supervised = {
  streamWorkers: number;
  readerWorkers: number;
  newsroomWorkers: number;
  /** The server processes' environment: PORT and HOST say where the stream tier listens. */
  env: NodeJS.ProcessEnv;
  /** Extra Node flags for the stream tier (the benchmark passes --expose-gc). */
  execArgv?: string[];
  /** How long a stopping process may take before it is killed. */
  stopTimeoutMs?: number;
  logLevel?: string;
};

/** Each server process, by its OS process (a cluster worker's included): signals and IPC. */
type Child = { kind: "stream" | NextRole; process: ChildProcess };

/** Starts every process; resolves once the stream tier listens. Returns `stop`. */
export async function supervise(options: Supervised): Promise<() => Promise<void>> {
  const { streamWorkers, readerWorkers, newsroomWorkers, env, execArgv = [], stopTimeoutMs = 30_000 } = options;
  const log = pino(logOptions("supervisor", options.logLevel ?? "info"));
  let stopping = false;
  let recentDeaths = 0;
  const children = new Set<Child>();
  const replace = (child: Child, start: () => void) => {
    children.delete(child);
    if (stopping) return;
    log.error({ kind: child.kind, pid: child.process.pid }, "supervisor: a server process exited; starting another");
    recentDeaths++;
    setTimeout(() => recentDeaths--, 60_000).unref();
    setTimeout(start, Math.min(10_000, 250 * 2 ** recentDeaths)).unref();
  };

  // Next.js first, each on a loopback port it keeps across restarts.
  const roles: NextRole[] = [
    ...Array.from({ length: readerWorkers }, () => "reader" as const),
    ...Array.from({ length: newsroomWorkers }, () => "newsroom" as const),
  ];
  const backends = await Promise.all(
    roles.map(async (role) => ({ role, url: `http://127.0.0.1:${await freeLoopbackPort()}` })),
  );
  const startNext = (role: NextRole, url: string) => {
    const child: Child = { kind: role, process: startNextProcess(role, Number(new URL(url).port), env) };
    children.add(child);
    child.process.on("message", (message) => answerMetricsRequest(child, message, children));
    child.process.once("exit", () => replace(child, () => startNext(role, url)));
  };
  for (const backend of backends) startNext(backend.role, backend.url);

  // The stream tier: it listens at once, and answers 503 + Retry-After to what it would
  // forward until a Next.js process is ready (runtime/front-door/backends.ts).
  cluster.setupPrimary({
    exec: path.resolve(import.meta.dirname, "front-door/server.ts"),
    execArgv: ["--conditions=react-server", "--import", "tsx", ...execArgv],
  });
  const streamEnv = { ...env, HERALD_PROCESS_ROLE: "stream", HERALD_NEXT_BACKENDS: JSON.stringify(backends) };
  let listening = 0;
  let onListening: (() => void) | undefined;
  const startStream = () => {
    const worker = cluster.fork(streamEnv);
    const child: Child = { kind: "stream", process: worker.process };
    children.add(child);
    worker.on("message", (message: { type?: string }) => {
      if (message?.type === "ready" && ++listening >= streamWorkers) onListening?.();
      answerMetricsRequest(child, message, children);
    });
    worker.once("exit", () => replace(child, startStream));
  };
  await new Promise<void>((resolve) => {
    onListening = resolve;
    for (let i = 0; i < streamWorkers; i++) startStream();
  });
  onListening = undefined;
  log.info(
    { port: env.PORT, stream: streamWorkers, reader: readerWorkers, newsroom: newsroomWorkers },
    "supervisor: up",
  );

  return async () => {
    stopping = true;
    const of = (kinds: Child["kind"][]) => [...children].filter((child) => kinds.includes(child.kind));
    log.info({ processes: children.size }, "supervisor: stopping");
    await Promise.all(of(["stream"]).map((child) => stopChild(child, stopTimeoutMs)));
    await Promise.all(of(["reader", "newsroom"]).map((child) => stopChild(child, stopTimeoutMs)));
  };
}

/** SIGTERM, then SIGKILL if it is still there after `timeoutMs`. */
function stopChild(child: Child, timeoutMs: number): Promise<void> {
  const handle = child.process;
  if (handle.exitCode !== null || handle.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => handle.kill("SIGKILL"), timeoutMs);
    handle.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    handle.kill("SIGTERM");
  });
}

/**
 * A scrape of /api/metrics reaches one process, which asks here: every process's registry
 * is collected over IPC and summed by label set with prom-client's AggregatorRegistry
 * (per-process series, such as herald_sse_readers{pid}, stay apart).
 */
function answerMetricsRequest(asker: Child, message: unknown, children: Set<Child>): void {
  const request = message as { type?: string; id?: string };
  if (request?.type !== metricsRequest) return;
  const reply = (body: { text?: string; error?: string }) =>
    send(asker, { type: metricsResponse, id: request.id, ...body });
  Promise.all([...children].map((child) => registryOf(child)))
    .then((registries) => AggregatorRegistry.aggregate(registries.filter((r): r is object => r !== null)).metrics())
    .then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
}

let nextId = 0;
/** One process's registry as prom-client JSON; null if it does not answer within 3 s (starting, stopping). */
function registryOf(child: Child): Promise<object | null> {
  const id = `r${++nextId}`;
  return new Promise((resolve) => {
    const onMessage = (message: RegistryResponse) => {
      if (message?.type !== registryResponse || message.id !== id) return;
      done(message.metrics ? (message.metrics as object) : null);
    };
    const timer = setTimeout(() => done(null), 3_000);
    const done = (result: object | null) => {
      clearTimeout(timer);
      child.process.off("message", onMessage);
      resolve(result);
    };
    child.process.on("message", onMessage);
    if (!send(child, { type: registryRequest, id })) done(null);
  });
}

function send(child: Child, message: object): boolean {
  if (!child.process.connected) return false;
  try {
    child.process.send(message);
    return true;
  } catch {
    return false;
  }
}
