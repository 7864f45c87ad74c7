// Runs `workers` production server processes on one port (node:cluster shares the
// listening socket and hands connections round-robin). A worker that dies is replaced,
// with backoff if it keeps dying. Processes share nothing but Postgres.
import cluster from "node:cluster";
import path from "node:path";

type Options = {
  workers: number;
  env: NodeJS.ProcessEnv;
  /** Extra Node flags for the workers (the benchmark passes --expose-gc). */
  execArgv?: string[];
};

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
    console.error(`Herald: server process ${worker.process.pid} exited (${signal ?? code}); starting another.`);
    recentDeaths++;
    setTimeout(() => recentDeaths--, 60_000).unref();
    setTimeout(fork, Math.min(10_000, 250 * 2 ** recentDeaths));
  });

  const ready = Array.from({ length: workers }, () => {
    const worker = fork();
    return new Promise<void>((resolve) =>
      worker.on("message", (m: { type?: string }) => m.type === "ready" && resolve()),
    );
  });

  const stop = async () => {
    stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w) => w && !w.isDead());
    await Promise.all(
      alive.map((w) => new Promise<void>((resolve) => (w!.once("exit", () => resolve()), w!.process.kill("SIGTERM")))),
    );
  };
  return Promise.all(ready).then(() => stop);
}
