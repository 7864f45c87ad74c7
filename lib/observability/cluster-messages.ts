// The names of the IPC messages between the cluster primary (scripts/server-cluster.ts,
// scripts/cluster/health-probes.ts) and its workers (metrics-text.ts, cluster-health.ts).
// Both sides import them from here: the primary runs outside Next's module graph and
// cannot import `server-only` modules, so this one has no such import (as log-options.ts).

/** A worker asks for every worker's metrics; the primary answers with them summed. */
export const metricsRequest = "herald:metrics-request";
export const metricsResponse = "herald:metrics-response";

/** A worker asks for the cluster's readiness; the primary probes each worker, which answers with its state. */
export const healthRequest = "herald:health-request";
export const healthResponse = "herald:health-response";
export const healthProbe = "herald:health-probe";
export const healthState = "herald:health-state";
