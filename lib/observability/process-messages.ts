// The IPC messages between the supervisor (runtime/supervisor.ts) and the server processes
// it starts (stream tier and Next.js alike, each with an IPC channel). Both sides import
// them from here, so this module has no `server-only` import.

/** A server process asks for the whole box's metrics; the supervisor answers with them summed. */
export const metricsRequest = "herald:metrics-request";
export const metricsResponse = "herald:metrics-response";

/** The supervisor asks one process for its registry (prom-client JSON); it answers with it. */
export const registryRequest = "herald:registry-request";
export const registryResponse = "herald:registry-response";

export type RegistryResponse = { type: typeof registryResponse; id: string; metrics?: unknown; error?: string };

/** The supervisor tells each stream-tier process where the Next.js processes are now (a reload); it answers once it has probed them. */
export const backendsMessage = "herald:backends";
export const backendsApplied = "herald:backends-applied";
