// A cluster primary for the benchmark, in a process of its own (as `npm start` would be):
//   herald   — Herald's production server processes (runtime/supervisor.ts): the stream
//              tier (BENCH_WORKERS processes), one reader and one newsroom Next.js process;
//   baseline — bench/baseline-server.ts processes, relaying each publish to all of them.
// Workers run with --expose-gc; on {type: "memory"} this asks each for a full GC and its
// figures, and replies with them and the workers' pids: for Herald, the stream tier's
// memory; bench/targets.ts adds the PSS of the whole tree, the Next.js processes included.
import cluster, { type Worker } from "node:cluster";
import path from "node:path";
import { supervise } from "../runtime/supervisor";
import { cpuProfileFlags } from "./cpu-profile";

type WorkerMemory = { pid: number; heapUsed: number };
const kind = process.argv[2];
const workers = Number(process.env.BENCH_WORKERS ?? 2);
const gcFlag = ["--expose-gc", ...cpuProfileFlags()];

let stop: () => Promise<void>;
if (kind === "herald") {
  const box = await supervise({
    streamWorkers: workers,
    readerWorkers: 1,
    newsroomWorkers: 1,
    env: process.env,
    execArgv: gcFlag,
  });
  stop = () => box.stop();
} else if (kind === "baseline") {
  stop = await startBaseline();
} else {
  throw new Error(`cluster-host: unknown kind ${kind}`);
}
process.send!({ type: "ready" });

function aliveWorkers(): Worker[] {
  return Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
}

function memoryOf(worker: Worker): Promise<WorkerMemory> {
  return new Promise((resolve) => {
    const onMessage = (m: { type?: string; memory?: NodeJS.MemoryUsage }) => {
      if (m.type !== "bench:memory" || !m.memory) return;
      worker.off("message", onMessage);
      resolve({ pid: worker.process.pid!, heapUsed: m.memory.heapUsed });
    };
    worker.on("message", onMessage);
    worker.send({ type: "bench:memory" });
  });
}

process.on("message", (m: { type?: string }) => {
  if (m.type === "memory") void Promise.all(aliveWorkers().map(memoryOf)).then((list) => process.send!(list));
  if (m.type === "stop") void stop().then(() => process.exit(0));
});

async function startBaseline(): Promise<() => Promise<void>> {
  cluster.setupPrimary({
    exec: path.join(import.meta.dirname, "baseline-server.ts"),
    execArgv: ["--import", "tsx", ...gcFlag],
  });
  const forked = Array.from({ length: workers }, () => cluster.fork(process.env));
  // The baseline's "bus": a publish that reaches one worker goes to every worker.
  for (const worker of forked) {
    worker.on("message", (m: { type?: string }) => {
      if (m.type === "baseline:publish") for (const each of forked) each.send(m);
    });
  }
  await Promise.all(
    forked.map(
      (w) => new Promise<void>((resolve) => w.on("message", (m: { type?: string }) => m.type === "ready" && resolve())),
    ),
  );
  return async () => {
    await Promise.all(
      forked.map((w) => new Promise<void>((resolve) => (w.once("exit", () => resolve()), w.kill("SIGTERM")))),
    );
  };
}
