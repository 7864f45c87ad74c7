// The primary's half of the cluster's readiness (lib/observability/cluster-health.ts). A
// worker asked for /api/health asks the primary; the primary probes every worker in
// rotation and answers with what came back within `probeTimeoutMs`. A worker that does not answer in time is
// counted as such: a process too busy to answer a probe is not serving its readers well.
import cluster, { type Worker } from "node:cluster";
import { healthProbe, healthRequest, healthResponse, healthState } from "../../lib/observability/cluster-messages";

/** Under the 1 s a worker waits for the primary (lib/observability/health.ts). */
const probeTimeoutMs = 800;

type Message = { type?: string; id?: string; state?: unknown };

export function serveClusterHealth(inRotation: () => Worker[]): void {
  cluster.on("message", (asker: Worker, message: Message) => {
    if (message?.type !== healthRequest || typeof message.id !== "string") return;
    const id = message.id;
    const workers = inRotation().filter((worker) => worker.isConnected());
    const states: unknown[] = [];
    const onState = (_worker: Worker, reply: Message) => {
      if (reply?.type !== healthState || reply.id !== id) return;
      states.push(reply.state);
      if (states.length === workers.length) finish();
    };
    const timer = setTimeout(finish, probeTimeoutMs);
    let finished = false;
    function finish() {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      cluster.off("message", onState);
      if (!asker.isConnected()) return;
      asker.send({ type: healthResponse, id, processes: states, unanswered: workers.length - states.length });
    }
    cluster.on("message", onState);
    for (const worker of workers) worker.send({ type: healthProbe, id });
    if (workers.length === 0) finish();
  });
}
