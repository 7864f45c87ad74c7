import "server-only";
import crypto from "node:crypto";
import { metricsRequest, metricsResponse } from "./process-messages";
import { underSupervisor } from "@/lib/process/supervised";
import { metrics } from "./metrics";

// A scrape reaches one process; under the supervisor (runtime/supervisor.ts) that process
// asks it, and it collects every process's registry and sums them by label set.

type Reply = { type: string; id: string; text?: string; error?: string };
const askTimeoutMs = 5_000;

/** Prometheus text for this process, or for every process of the box it belongs to. */
export async function metricsText(): Promise<string> {
  if (!underSupervisor()) return metrics().registry.metrics();
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
      else reject(new Error(`The supervisor could not collect metrics: ${message.error}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error("The supervisor did not answer the metrics request."));
    }, askTimeoutMs);
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
    };
    process.on("message", onMessage);
    process.send!({ type: metricsRequest, id });
  });
}
