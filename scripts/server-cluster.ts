// Runs Herald's production server processes behind one port, in three roles:
//   stream   — the front door (scripts/stream-worker.ts): they accept on the shared socket
//              themselves and serve readers' streams; no Next.js in them;
//   reader   — Next.js (scripts/server-worker.ts): public pages, assets, polling;
//   newsroom — Next.js: sign-in, the dashboard, publishing, the API.
// A stream process passes every connection that is not a stream here, with its first
// bytes and the role they show (scripts/cluster/connection-role.ts), to go on to a process
// of that role: however many readers arrive, a publish never waits behind them. A worker
// that dies is replaced, with backoff if it keeps dying. Processes share nothing but
// Postgres.
import cluster, { type Worker } from "node:cluster";
import type { Socket } from "node:net";
import path from "node:path";
import pino from "pino";
import { AggregatorRegistry } from "prom-client";
import { metricsRequest, metricsResponse } from "../lib/observability/cluster-messages";
import { logOptions } from "../lib/observability/log-options";
import { handOffMessage, stopReading, type HandOff, type ProcessRole } from "./cluster/first-bytes";
import { serveClusterHealth } from "./cluster/health-probes";

type Options = {
  /** Stream processes: the front door and the readers' streams (one per core is right). */
  streamWorkers: number;
  /** Reader processes: the public pages, the assets (at least 1). */
  readerWorkers?: number;
  /** Newsroom processes: sign-in, the dashboard, publishing, the API (0: reader processes serve it). */
  newsroomWorkers?: number;
  /** PORT and HOST say where to listen. */
  env: NodeJS.ProcessEnv;
  /** Extra Node flags for the workers (the benchmark passes --expose-gc). */
  execArgv?: string[];
};

const log = pino(logOptions("primary", process.env.HERALD_LOG_LEVEL ?? "info"));

export async function startCluster({
  streamWorkers,
  readerWorkers = 1,
  newsroomWorkers = 1,
  env,
  execArgv = [],
}: Options): Promise<() => Promise<void>> {
  if (streamWorkers < 1 || readerWorkers < 1) {
    throw new Error("A cluster needs at least one stream process (the front door) and one reader process.");
  }
  // Each stream process accepts from the shared socket itself, rather than the primary
  // accepting and passing every connection over IPC (round-robin): a reader's stream
  // costs no hop, and a busy process simply accepts less.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  let recentDeaths = 0;
  /** Workers that said "ready", by role, in the order connections go round them. */
  const ready: Record<ProcessRole, Worker[]> = { stream: [], reader: [], newsroom: [] };
  const wanted: Record<ProcessRole, number> = {
    stream: streamWorkers,
    reader: readerWorkers,
    newsroom: newsroomWorkers,
  };
  /** Resolves startCluster once every role has its count ready (replacements included). */
  let onAllReady: (() => void) | undefined;

  const fork = (role: ProcessRole) => {
    // Settings apply to the forks after them: each role has its own entry.
    cluster.setupPrimary({
      exec: path.resolve(import.meta.dirname, role === "stream" ? "stream-worker.ts" : "server-worker.ts"),
      execArgv: ["--import", "tsx", ...execArgv],
    });
    const worker = cluster.fork({
      ...env,
      HERALD_PROCESS_ROLE: role,
      // libuv: accept one connection per wake-up, so that the stream processes sharing the
      // socket take turns rather than the first awake taking a whole burst.
      ...(role === "stream" ? { UV_TCP_SINGLE_ACCEPT: "1" } : {}),
    });
    // Out of the rotation as soon as it stops: draining, or gone.
    const leave = () => (ready[role] = ready[role].filter((w) => w !== worker));
    worker.on("message", (m: { type?: string }, socket?: Socket) => {
      if (m.type === "ready") {
        ready[role].push(worker);
        if ((Object.keys(wanted) as ProcessRole[]).every((each) => ready[each].length >= wanted[each])) onAllReady?.();
      }
      if (m.type === "draining") leave();
      if (m.type === handOffMessage && socket) handOff(m as HandOff, socket);
    });
    worker.on("disconnect", leave);
    worker.on("exit", (code, signal) => {
      leave();
      if (stopping) return;
      log.error(
        { worker: worker.process.pid, role, code, signal },
        "cluster: a server process exited; starting another",
      );
      recentDeaths++;
      setTimeout(() => recentDeaths--, 60_000).unref();
      setTimeout(() => fork(role), Math.min(10_000, 250 * 2 ** recentDeaths));
    });
    return worker;
  };
  serveClusterMetrics();
  serveClusterHealth(() => Object.values(ready).flat());

  // A connection a stream process accepted that is not a stream: on to a process of the
  // role its first bytes showed, in turn (with none of that role ready, one of the other:
  // every Next process serves every route). A stream a reader process was asked for on a
  // connection it served: on to a stream process (with none ready, the connection closes
  // and the reader's browser reconnects).
  let turn = 0;
  const fallback: Record<ProcessRole, ProcessRole> = { stream: "stream", reader: "newsroom", newsroom: "reader" };
  const handOff = (message: HandOff, socket: Socket) => {
    // Node starts reading a socket it receives. Until the worker it goes to acknowledges
    // it, this process's copy stays open, and bytes the client sends meanwhile (its next
    // request, a POST's body) would be read here and lost.
    stopReading(socket);
    const pool = ready[message.role].length ? ready[message.role] : ready[fallback[message.role]];
    const worker = pool[turn++ % Math.max(1, pool.length)];
    if (!worker) return void socket.destroy();
    worker.send(message, socket, { keepOpen: false }, (error) => error && socket.destroy());
  };

  const roles: ProcessRole[] = [
    ...Array.from({ length: streamWorkers }, () => "stream" as const),
    ...Array.from({ length: readerWorkers }, () => "reader" as const),
    ...Array.from({ length: newsroomWorkers }, () => "newsroom" as const),
  ];
  // Counted by role, not by worker: one that dies while starting is replaced (above), and
  // its replacement's "ready" counts instead.
  await new Promise<void>((resolve) => {
    onAllReady = resolve;
    for (const role of roles) fork(role);
  });
  onAllReady = undefined;

  log.info(
    { port: env.PORT, streams: streamWorkers, readers: readerWorkers, newsroom: newsroomWorkers },
    "cluster: listening",
  );

  // Every worker drains at once (scripts/server-worker.ts): readers are sent on to other
  // machines behind the load balancer, in-flight publishes finish, then each exits.
  return async () => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    log.info({ workers: alive.length }, "cluster: stopping the server processes");
    await Promise.all(
      alive.map((w) => new Promise<void>((resolve) => (w!.once("exit", () => resolve()), w!.process.kill("SIGTERM")))),
    );
  };
}

/**
 * A scrape of /api/metrics reaches one worker, which asks here: prom-client's
 * AggregatorRegistry collects every worker's registry over IPC and sums the series by
 * label set (per-process series, such as herald_sse_readers{pid}, stay apart).
 */
function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on("message", (worker: Worker, message: { type?: string; id?: string }) => {
    if (message?.type !== metricsRequest) return;
    const reply = (body: { text?: string; error?: string }) => {
      if (worker.isConnected()) worker.send({ type: metricsResponse, id: message.id, ...body });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
  });
}
