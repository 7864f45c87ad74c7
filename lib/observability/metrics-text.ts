import "server-only";
import cluster from "node:cluster";
import crypto from "node:crypto";
import { metricsRequest, metricsResponse } from "./cluster-messages";
import { metrics } from "./metrics";

// A scrape reaches one worker; that worker asks the primary (scripts/server-cluster.ts),
// whose AggregatorRegistry collects every worker's registry and sums them by label set.

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
      if (message?.type !== metricsResponse || message.id !== id) return;
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
    process.send!({ type: metricsRequest, id });
  });
}
