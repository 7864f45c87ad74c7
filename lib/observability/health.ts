import "server-only";
import { db } from "@/lib/db";
import { buildSha, env } from "@/lib/env";
import { isShuttingDown } from "@/lib/process/shutdown";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { ensureListener } from "@/lib/realtime/listener";
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
  listener: boolean;
  readers: number;
};

/** Alive: the process runs its event loop. Nothing external is checked. */
export function liveness(): Liveness {
  const role = env().HERALD_PROCESS_ROLE ?? "all";
  return { status: "ok", version, uptimeSeconds: Math.round(process.uptime()), pid: process.pid, role };
}

/** Ready for traffic: Postgres answers in time, this process is LISTENing, not shutting down. */
export async function readiness(): Promise<Readiness> {
  const listener = ensureListener().connected;
  const database = await databaseAnswers();
  const shuttingDown = isShuttingDown();
  const status = shuttingDown ? "shutting down" : database && listener ? "ok" : "degraded";
  return { ...liveness(), status, database, listener, readers: broadcaster().readerCount };
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
