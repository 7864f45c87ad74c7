import "server-only";
import cluster from "node:cluster";
import crypto from "node:crypto";
import { env } from "@/lib/env";
import { isShuttingDown } from "@/lib/process/shutdown";
import { broadcaster } from "@/lib/realtime/broadcaster";
import { listenerConnected } from "@/lib/realtime/listener";
import { healthProbe, healthRequest, healthResponse, healthState } from "./cluster-messages";

// Readiness of the whole cluster (scripts/server-cluster.ts), not just of the process a
// probe happens to reach: a load balancer's health check lands on a Next process, while
// most readers are held by stream processes with LISTEN connections of their own. The
// process asked sends a health request to the primary; the primary probes every worker
// in rotation (scripts/cluster/health-probes.ts), collects their states, and answers.

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
    if (message?.type !== healthProbe) return;
    process.send?.({ type: healthState, id: message.id, state: processHealth() });
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
      if (message?.type !== healthResponse || message.id !== id) return;
      done({ processes: message.processes ?? [], unanswered: message.unanswered ?? 0 });
    };
    const timer = setTimeout(() => done(null), timeoutMs);
    const done = (answer: ClusterHealth | null) => {
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve(answer);
    };
    process.on("message", onMessage);
    process.send!({ type: healthRequest, id });
  });
}
