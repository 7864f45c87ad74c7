// Runs `workers` production server processes on one port (node:cluster shares the
// listening socket and hands connections round-robin). A worker that dies is replaced,
// with backoff if it keeps dying. Processes share nothing but Postgres.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import pino from "pino";
import { AggregatorRegistry } from "prom-client";
import { logOptions } from "../lib/observability/log-options";

type Options = {
  workers: number;
  env: NodeJS.ProcessEnv;
  /** Extra Node flags for the workers (the benchmark passes --expose-gc). */
  execArgv?: string[];
};

// The same names as lib/observability/metrics-text.ts (which, being server-only, cannot
// be imported here).
const metricsRequest = "herald:metrics-request";
const metricsResponse = "herald:metrics-response";

const log = pino(logOptions("primary", process.env.HERALD_LOG_LEVEL ?? "info"));

export function startCluster({ workers, env, execArgv = [] }: Options): Promise<() => Promise<void>> {
  cluster.setupPrimary({
    exec: path.resolve(import.meta.dirname, "server-worker.ts"),
    execArgv: ["--import", "tsx", ...execArgv],
  });
  let stopping = false;
  let recentDeaths = 0;

  const fork = () => cluster.fork(env);
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) return;
    log.error({ worker: worker.process.pid, code, signal }, "cluster: a server process exited; starting another");
    recentDeaths++;
    setTimeout(() => recentDeaths--, 60_000).unref();
    setTimeout(fork, Math.min(10_000, 250 * 2 ** recentDeaths));
  });
  serveClusterMetrics();

  const ready = Array.from({ length: workers }, () => {
    const worker = fork();
    return new Promise<void>((resolve) =>
      worker.on("message", (m: { type?: string }) => m.type === "ready" && resolve()),
    );
  });

  // Every worker drains at once (scripts/server-worker.ts): readers are sent on to other
  // machines behind the load balancer, in-flight publishes finish, then each exits.
  const stop = async () => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    log.info({ workers: alive.length }, "cluster: stopping the server processes");
    await Promise.all(
      alive.map((w) => new Promise<void>((resolve) => (w!.once("exit", () => resolve()), w!.process.kill("SIGTERM")))),
    );
  };
  return Promise.all(ready).then(() => stop);
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
