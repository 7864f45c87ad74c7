// The supervisor's side of its IPC with the server processes: sending, and summing every
// process's metrics for a scrape (lib/observability/process-messages.ts has the names).
import type { ChildProcess } from "node:child_process";
import { AggregatorRegistry } from "prom-client";
import {
  metricsRequest,
  metricsResponse,
  registryRequest,
  registryResponse,
  type RegistryResponse,
} from "../lib/observability/process-messages";

/** A server process, by its OS process (a cluster worker's included): signals and IPC. */
export type Child = {
  kind: "stream" | "reader" | "newsroom";
  process: ChildProcess;
  /** Resolves once it takes work (stream tier: listening; Next.js: its liveness probe answers). */
  ready: Promise<void>;
  /** A Next.js process's address. */
  url?: string;
  /** Stopped on purpose (a reload): not to be replaced. */
  retiring?: boolean;
};

export function send(child: Child, message: object): boolean {
  if (!child.process.connected) return false;
  try {
    child.process.send(message);
    return true;
  } catch {
    return false;
  }
}

/**
 * A scrape of /api/metrics reaches one process, which asks here: every process's registry
 * is collected over IPC and summed by label set with prom-client's AggregatorRegistry
 * (per-process series, such as herald_sse_readers{pid}, stay apart).
 */
export function answerMetricsRequest(asker: Child, message: unknown, children: Set<Child>): void {
  const request = message as { type?: string; id?: string };
  if (request?.type !== metricsRequest) return;
  const reply = (body: { text?: string; error?: string }) =>
    send(asker, { type: metricsResponse, id: request.id, ...body });
  Promise.all([...children].map((child) => registryOf(child)))
    .then((registries) => AggregatorRegistry.aggregate(registries.filter((r): r is object => r !== null)).metrics())
    .then(
      (text) => reply({ text }),
      (error: Error) => reply({ error: error.message }),
    );
}

let nextId = 0;
/** One process's registry as prom-client JSON; null if it does not answer within 3 s (starting, stopping). */
function registryOf(child: Child): Promise<object | null> {
  const id = `r${++nextId}`;
  return new Promise((resolve) => {
    const onMessage = (message: RegistryResponse) => {
      if (message?.type !== registryResponse || message.id !== id) return;
      done(message.metrics ? (message.metrics as object) : null);
    };
    const timer = setTimeout(() => done(null), 3_000);
    const done = (result: object | null) => {
      clearTimeout(timer);
      child.process.off("message", onMessage);
      resolve(result);
    };
    child.process.on("message", onMessage);
    if (!send(child, { type: registryRequest, id })) done(null);
  });
}
