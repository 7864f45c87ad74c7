import "server-only";
import client from "prom-client";
import { underSupervisor } from "@/lib/process/supervised";
import { registryRequest, registryResponse, type RegistryResponse } from "./process-messages";

// Herald's Prometheus metrics, one registry per process. The realtime and publishing code
// records into them with one-line calls to the functions below; GET /api/metrics reads
// them (lib/observability/metrics-text.ts). Descriptions and alerts: docs/operations.md.

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

function create() {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const pid = String(process.pid);
  const metrics = {
    registry,
    // Labelled by process: the supervisor sums across processes by label set, so each
    // process keeps its own series (`sum()` in PromQL gives the total).
    readers: new client.Gauge({
      name: "herald_sse_readers",
      help: "Readers with an open SSE stream, per server process.",
      labelNames: ["pid"],
      registers,
    }),
    changesFannedOut: new client.Counter({
      name: "herald_fanout_changes_total",
      help: "Changes fanned out, from their notification or the change log (once per change per process).",
      registers,
    }),
    messagesWritten: new client.Counter({
      name: "herald_fanout_messages_total",
      help: "Change messages written to reader streams (one per change per reader).",
      registers,
    }),
    fanoutLatency: new client.Histogram({
      name: "herald_fanout_latency_seconds",
      help: "From the NOTIFY reaching this process to the change written to every reader of its event.",
      buckets: latencyBuckets,
      registers,
    }),
    slowReadersDropped: new client.Counter({
      name: "herald_slow_readers_dropped_total",
      help: "Readers cut off for not taking their stream in time (they reconnect and resume).",
      registers,
    }),
    listenerConnected: new client.Gauge({
      name: "herald_listener_connected",
      help: "1 while this process's LISTEN connection to Postgres is up.",
      registers,
    }),
    listenerReconnects: new client.Counter({
      name: "herald_listener_reconnects_total",
      help: "Times the LISTEN connection was lost (or could not connect) and a reconnect was scheduled.",
      registers,
    }),
    publishDuration: new client.Histogram({
      name: "herald_publish_duration_seconds",
      help: "Publishing a post: the whole transaction, by result.",
      labelNames: ["result"],
      buckets: latencyBuckets,
      registers,
    }),
    httpResponses: new client.Counter({
      name: "herald_http_responses_total",
      help: "HTTP responses finished, by route family, method and status.",
      labelNames: ["route", "method", "status"],
      registers,
    }),
    pid,
  };
  metrics.readers.set({ pid }, 0);
  metrics.listenerConnected.set(0);
  // Under the supervisor, which sums every process's registry for a scrape.
  if (underSupervisor()) {
    process.on("message", (message: { type?: string; id?: string }) => {
      if (message?.type !== registryRequest) return;
      const reply = (body: Omit<RegistryResponse, "type" | "id">) =>
        process.connected && process.send!({ type: registryResponse, id: message.id, ...body });
      registry.getMetricsAsJSON().then(
        (json) => reply({ metrics: json }),
        (error: Error) => reply({ error: error.message }),
      );
    });
  }
  return metrics;
}

type Metrics = ReturnType<typeof create>;
const key = Symbol.for("herald.metrics");
const store = globalThis as unknown as Record<symbol, Metrics | undefined>;

/** This process's metrics (one set, shared by every module graph Next builds). */
export function metrics(): Metrics {
  return (store[key] ??= create());
}

export function readerJoined(): void {
  metrics().readers.inc({ pid: metrics().pid });
}

export function readerLeft(): void {
  metrics().readers.dec({ pid: metrics().pid });
}

export function slowReaderDropped(): void {
  metrics().slowReadersDropped.inc();
}

// When each NOTIFY arrived, by "<eventId>:<seq>", until that change has been fanned out.
// Bounded: entries for changes this process never delivers (a channel gone meanwhile)
// are evicted oldest first.
const notifiedAt = new Map<string, number>();
const maxPending = 10_000;

export function notifyReceived(eventId: string, seq: number): void {
  notifiedAt.set(`${eventId}:${seq}`, performance.now());
  if (notifiedAt.size > maxPending) notifiedAt.delete(notifiedAt.keys().next().value!);
}

/** A change has been written to all `readers` subscribers of its event's channel. */
export function changeFannedOut(eventId: string, seq: number, readers: number): void {
  const m = metrics();
  m.changesFannedOut.inc();
  m.messagesWritten.inc(readers);
  const key = `${eventId}:${seq}`;
  const at = notifiedAt.get(key);
  if (at === undefined) return; // replayed or resynced, not woken by its own NOTIFY
  notifiedAt.delete(key);
  m.fanoutLatency.observe((performance.now() - at) / 1000);
}

export function listenerUp(): void {
  metrics().listenerConnected.set(1);
}

export function listenerLost(): void {
  metrics().listenerConnected.set(0);
  metrics().listenerReconnects.inc();
}

/** A publish transaction took `seconds` and committed (`ok`) or not (`error`). */
export function publishFinished(seconds: number, result: "ok" | "error"): void {
  metrics().publishDuration.observe({ result }, seconds);
}

export function countHttpResponse(route: string, method: string, status: number): void {
  const verb = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].includes(method) ? method : "OTHER";
  metrics().httpResponses.inc({ route, method: verb, status: String(status) });
}
