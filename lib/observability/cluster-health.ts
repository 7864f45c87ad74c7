import "server-only";
import cluster from "node:cluster";
import crypto from "node:crypto";
import { env } from "@/lib/env";
import { isShuttingDown } from "@/lib/process/shutdown";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { listenerConnected } from "@/lib/realtime/listener";

/**
 * Readiness of the whole cluster (scripts/server-cluster.ts), not just of the process a
 * probe happens to reach: a load balancer's health check lands on a Next process, while
 * most readers are held by stream processes with LISTEN connections of their own. The
 * process asked sends `request` to the primary; the primary sends `probe` to every worker
 * in rotation, collects their `state`s, and answers with `response`
 * (scripts/cluster/health-probes.ts, which cannot import this module: the same names).
 */
export const clusterHealthRequest = "herald:health-request";
export const clusterHealthResponse = "herald:health-response";
export const clusterHealthProbe = "herald:health-probe";
export const clusterHealthState = "herald:health-state";

export type ProcessHealth = {
  pid: number;
  role: string;
  listener: boolean;
  readers: number;
  shuttingDown: boolean;
};
/** Every process in rotation that answered, and how many did not in time. */
export type ClusterHealth = { processes: ProcessHealth[]; unanswered: number };

type Message = { type?: string; id?: string } & Partial<ClusterHealth>;

/** This process, as it answers a probe. */
export function processHealth(): ProcessHealth {
  return {
    pid: process.pid,
    role: env().HERALD_PROCESS_ROLE ?? "all",
    listener: listenerConnected(),
    readers: broadcaster().readerCount,
    shuttingDown: isShuttingDown(),
  };
}

const answeringKey = Symbol.for("herald.answering-health-probes");
const store = globalThis as unknown as Record<symbol, boolean | undefined>;

/** A cluster worker answers the primary's probes with processHealth(); once per process. */
export function answerHealthProbes(): void {
  if (!underClusterPrimary() || store[answeringKey]) return;
  store[answeringKey] = true;
  process.on("message", (message: Message) => {
    if (message?.type !== clusterHealthProbe) return;
    process.send?.({ type: clusterHealthState, id: message.id, state: processHealth() });
  });
}

/** Whether this process runs under the cluster primary (`npm start`), not alone. */
export function underClusterPrimary(): boolean {
  return cluster.isWorker && process.send !== undefined;
}

/** The cluster's processes, from the primary; null with no answer in `timeoutMs`. */
export function clusterHealth(timeoutMs: number): Promise<ClusterHealth | null> {
  if (!underClusterPrimary()) return Promise.resolve(null);
  const id = crypto.randomUUID();
  return new Promise((resolve) => {
    const onMessage = (message: Message) => {
      if (message?.type !== clusterHealthResponse || message.id !== id) return;
      done({ processes: message.processes ?? [], unanswered: message.unanswered ?? 0 });
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (answer: ClusterHealth | null) => {
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve(answer);
    };
    process.on("message", onMessage);
    process.send!({ type: clusterHealthRequest, id });
  });
}
