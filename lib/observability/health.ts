import "server-only";
import { sql } from "@/lib/sql";
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
  /** This process's tier under the supervisor ("all": Next.js on its own). */
  role: "stream" | "reader" | "newsroom" | "all";
};
export type Readiness = Omit<Liveness, "status"> & {
  status: "ok" | "degraded" | "shutting down";
  database: boolean;
  /** This process LISTENs. */
  listener: boolean;
  /** This process's readers. */
  readers: number;
};

/** Alive: the process runs its event loop. Nothing external is checked. */
export function liveness(): Liveness {
  const role = env().HERALD_PROCESS_ROLE ?? "all";
  return { status: "ok", version, uptimeSeconds: Math.round(process.uptime()), pid: process.pid, role };
}

/**
 * Ready for traffic: Postgres answers in time, this process is not shutting down, and
 * LISTENs. The stream tier adds whether its Next.js processes are ready
 * (runtime/front-door/probes.ts).
 */
export async function readiness(): Promise<Readiness> {
  const database = await databaseAnswers();
  const listener = ensureListener().connected;
  const status = isShuttingDown() ? "shutting down" : database && listener ? "ok" : "degraded";
  return { ...liveness(), status, database, listener, readers: broadcaster().readerCount };
}

async function databaseAnswers(): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), databaseCheckTimeoutMs)));
  const query = sql`SELECT 1`.then(
    () => true,
    () => false,
  );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
