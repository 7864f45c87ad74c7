import "server-only";
import { db } from "@/lib/db";
import { buildSha, env } from "@/lib/env";
import { isShuttingDown } from "@/lib/process/shutdown";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { ensureListener } from "@/lib/realtime/listener";
import { clusterHealth, underClusterPrimary, type ProcessHealth } from "./cluster-health";
import packageJson from "@/package.json";

/** A probe answers within about this long even when Postgres does not. */
export const databaseCheckTimeoutMs = 1_000;

export const version = { version: packageJson.version, commit: buildSha };

export type Liveness = {
  status: "ok";
  version: typeof version;
  uptimeSeconds: number;
  pid: number;
  /** Which connections the cluster primary hands this process ("all" outside a cluster). */
  role: "stream" | "reader" | "newsroom" | "all";
};
export type Readiness = Omit<Liveness, "status"> & {
  status: "ok" | "degraded" | "shutting down";
  database: boolean;
  /** This process LISTENs; under the cluster primary, every process in rotation does (and answered). */
  listener: boolean;
  /** This process's readers; under the cluster primary, all of them. */
  readers: number;
  /** Under the cluster primary: each process in rotation that answered, and how many did not. */
  processes?: ProcessHealth[];
  unanswered?: number;
};

/** Alive: the process runs its event loop. Nothing external is checked. */
export function liveness(): Liveness {
  const role = env().HERALD_PROCESS_ROLE ?? "all";
  return { status: "ok", version, uptimeSeconds: Math.round(process.uptime()), pid: process.pid, role };
}

/**
 * Ready for traffic: Postgres answers in time, this process is not shutting down, and
 * LISTENs. Under the cluster primary the last is asked of every process in rotation: a
 * probe reaches a Next process, and most readers are held by stream processes, each with
 * a LISTEN connection of its own (lib/observability/cluster-health.ts).
 */
export async function readiness(): Promise<Readiness> {
  const [database, cluster] = await Promise.all([databaseAnswers(), clusterHealth(databaseCheckTimeoutMs)]);
  const shuttingDown = isShuttingDown();
  // Under the primary without its answer, nothing says the other processes LISTEN.
  const listener = cluster
    ? cluster.unanswered === 0 && cluster.processes.every((each) => each.listener)
    : !underClusterPrimary() && ensureListener().connected;
  const readers = cluster ? cluster.processes.reduce((sum, each) => sum + each.readers, 0) : broadcaster().readerCount;
  const status = shuttingDown ? "shutting down" : database && listener ? "ok" : "degraded";
  const processes = cluster ? { processes: cluster.processes, unanswered: cluster.unanswered } : {};
  return { ...liveness(), status, database, listener, readers, ...processes };
}

async function databaseAnswers(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), databaseCheckTimeoutMs)));
  const query = db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
