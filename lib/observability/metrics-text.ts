import "server-only";
import cluster from "node:cluster";
import crypto from "node:crypto";
import { metrics } from "./metrics";

/**
 * The IPC messages between a worker and the cluster primary (scripts/server-cluster.ts).
 * A scrape reaches one worker; that worker asks the primary, whose AggregatorRegistry
 * collects every worker's registry and sums them by label set.
 */
export const clusterMetricsRequest = "herald:metrics-request";
export const clusterMetricsResponse = "herald:metrics-response";

type Reply = { type: string; id: string; text?: string; error?: string };
const askTimeoutMs = 5_000;

/** Prometheus text for this process, or for every worker of the cluster it belongs to. */
export async function metricsText(): Promise<string> {
  if (!cluster.isWorker || !process.send) return metrics().registry.metrics();
  return askPrimary();
}

export const metricsContentType = "text/plain; version=0.0.4; charset=utf-8";

function askPrimary(): Promise<string> {
  const id = crypto.randomUUID();
  return new Promise((resolve, reject) => {
    const onMessage = (message: Reply) => {
      if (message?.type !== clusterMetricsResponse || message.id !== id) return;
      done();
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(`The cluster primary could not collect metrics: ${message.error}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error("The cluster primary did not answer the metrics request."));
    }, askTimeoutMs);
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    process.on("message", onMessage);
    process.send!({ type: clusterMetricsRequest, id });
  });
}
