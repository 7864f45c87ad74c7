// A stream-tier process: the front door of `npm start`. It holds the readers' SSE streams
// itself (lib/realtime: listener → broadcaster → node:http response, no Next.js in this
// process) and forwards every other request, one by one, to a Next.js process of the tier
// its path and credentials call for (choose-tier.ts), through a shared cache for anonymous
// public pages. Runs under the supervisor (runtime/supervisor.ts), one per core, sharing
// the port through node:cluster.
import http from "node:http";
import { env, type NextBackend } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import { countHttpResponse, metrics } from "@/lib/observability/metrics";
import { requestIdFrom, requestStorage } from "@/lib/observability/request-context";
import { routeFamily } from "@/lib/observability/route-family";
import { beginShutdown, isShuttingDown, shutDown } from "@/lib/process/shutdown";
import { ensureListener } from "@/lib/realtime/listener";
import { serveNodeStream } from "@/lib/realtime/serve-node-stream";
import { clientIpHeader, protoHeader } from "@/lib/security/client-address";
import { buildContentSecurityPolicy } from "@/lib/security/csp";
import { peerAddressHeader } from "@/lib/observability/metrics-access";
import { backendsApplied, backendsMessage } from "@/lib/observability/process-messages";
import { sharedRenderHeader } from "@/lib/security/shared-render";
import { badPathMessage } from "@/lib/shared/request-path";
import { sharedCacheControl } from "@/lib/shared/shared-pages";
import { staticHeaders } from "@/lib/shared/static-headers";
import { BackendPool } from "./backends";
import { chooseTier, hasSession } from "./choose-tier";
import { closeForwarding, forward } from "./forward";
import { answerMemoryProbes } from "../memory-probe";
import { plain } from "./plain-answer";
import { answerHealth, answerMetrics } from "./probes";
import { answerReaderWrite } from "./reader-writes";
import { SharedCache } from "./shared-cache";

const config = env();
const log = logger();
const pool = new BackendPool(config.HERALD_NEXT_BACKENDS);
const cache = new SharedCache(pool);
// Know which Next.js processes answer before taking requests: a process started by a
// reload must not refuse what its predecessor would have served.
await pool.start();
// Now rather than with the first reader: the first reader should not wait for LISTEN.
metrics();
ensureListener();

const ownAnswersPolicy = buildContentSecurityPolicy({ scripts: { hashes: [] }, pathname: "/api/" });

/** Forwarded requests not yet answered: a stop waits for them (streams are not among them). */
let inFlight = 0;

// Request heads: 16 KiB in all (Node's default, stated: docs/security.md); more is a 431.
const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (request, response) => {
  // The reader's stream first, before any per-request bookkeeping: a stream lives for
  // hours, and nothing per request should be held that long (docs/performance.md).
  if (serveNodeStream(request, response)) return;
  const started = performance.now();
  const method = request.method ?? "GET";
  const url = request.url ?? "/";
  const pathname = url.split("?", 1)[0]!;
  const requestId = requestIdFrom(request.headers["x-request-id"]);
  identify(request, requestId);
  response.setHeader("X-Request-Id", requestId);
  // What this process answers itself (health, metrics, refusals) runs nothing; a forwarded
  // response replaces these with Next's own (proxy.ts, next.config.ts).
  response.setHeader("Content-Security-Policy", ownAnswersPolicy);
  for (const { key, value } of staticHeaders) response.setHeader(key, value);
  // Stopping: the next request on this connection must open a new one (elsewhere).
  if (isShuttingDown()) response.setHeader("Connection", "close");
  const route = routeFamily(method, url, request.headers["next-action"] !== undefined);
  let pending = true;
  inFlight++;
  const settle = () => {
    if (pending) inFlight--;
    pending = false;
  };
  response.once("close", () => {
    settle();
    const status = response.headersSent ? response.statusCode : 499; // 499: the client left first
    countHttpResponse(route, method, status);
    log[route === "static" ? "debug" : "info"](
      {
        reqId: requestId,
        method,
        route,
        path: pathname,
        status,
        ms: Math.round(performance.now() - started),
        tier: served,
      },
      "request",
    );
  });
  // A stream forwarded to Next.js (the editors' presence) is not work a stop waits for.
  response.once("pipe", () => {
    if (String(response.getHeader("content-type")).startsWith("text/event-stream")) settle();
  });
  /** Who answered, for the request log: this process, its shared cache, or a Next.js tier. */
  let served = "stream";
  requestStorage().run({ requestId }, () => {
    const bad = badPathMessage(pathname);
    if (bad) return plain(response, 400, bad);
    if (pathname === "/api/health") return void answerHealth(request, response, pool);
    if (pathname === "/api/metrics") return void answerMetrics(request, response);
    if (answerReaderWrite(request, response, pathname)) return;
    const tier = chooseTier(method, pathname, request.headers);
    if (tier === "reader" && shareable(request, pathname)) {
      served = "cache";
      return void cache.serve(request, response);
    }
    served = tier;
    forward(request, response, pool, tier);
  });
});

/**
 * An anonymous plain GET of a page a shared cache may keep (not Next's client navigation,
 * which varies on RSC), or of one of Next's hashed build files (immutable: kept until
 * memory runs short, served without a hop to Next).
 */
function shareable(request: http.IncomingMessage, pathname: string): boolean {
  const { headers } = request;
  return (
    (request.method === "GET" || request.method === "HEAD") &&
    (sharedCacheControl(pathname) !== null || pathname.startsWith("/_next/static/")) &&
    !hasSession(headers) &&
    headers.rsc === undefined &&
    headers["next-router-prefetch"] === undefined &&
    headers["next-router-state-tree"] === undefined
  );
}

/**
 * What the socket says, for rate limits, HSTS and the metrics' local-caller check
 * (lib/security/client-address.ts, lib/observability/metrics-access.ts): set on every
 * request, replacing anything a client sent under those names.
 */
function identify(request: http.IncomingMessage, requestId: string): void {
  const { headers, socket } = request;
  headers["x-request-id"] = requestId;
  headers[clientIpHeader] = socket.remoteAddress ?? "unknown";
  headers[protoHeader] = "encrypted" in socket && socket.encrypted ? "https" : "http";
  // A local proxy would make every visitor look local: proxied requests are not local.
  const proxied = headers["x-forwarded-for"] !== undefined || headers.forwarded !== undefined;
  headers[peerAddressHeader] = proxied ? "forwarded" : (socket.remoteAddress ?? "");
  delete headers[sharedRenderHeader];
}

// SSE readers hold their connections open; Node's request timeout would cut them.
server.requestTimeout = 0;
server.headersTimeout = 60_000;
server.keepAliveTimeout = 65_000;
// A crowd arriving at once: Node's default backlog is 511 (the kernel allows 4096 here).
server.listen({ port: config.PORT, host: config.HOST, backlog: 4096 }, () => {
  log.info({ port: config.PORT, host: config.HOST }, "stream tier: listening");
  process.send?.({ type: "ready" });
});

// Graceful stop, in two steps. First, still accepting: readiness 503, readers sent
// elsewhere with a jittered retry, every response `Connection: close` (a proxy in front
// stops reusing its connections here). Then, after HERALD_DRAIN_DELAY_MS: the port closes,
// idle connections close, forwarded requests in flight (publishes) finish, Postgres
// connections close, exit 0.
let stopping = false;
process.on("SIGTERM", () => {
  if (stopping) return;
  stopping = true;
  log.info({ inFlight }, "stream tier: stopping");
  beginShutdown();
  setTimeout(() => {
    server.close();
    server.closeIdleConnections();
    void shutDown(() => inFlight)
      .catch((error: unknown) => log.error({ err: error }, "stream tier: shutdown failed"))
      .finally(() => {
        pool.stop();
        closeForwarding();
        server.closeAllConnections();
        process.exit(0);
      });
  }, config.HERALD_DRAIN_DELAY_MS);
});
process.on("SIGINT", () => {}); // the supervisor decides; Ctrl-C reaches it too
// A reload moved the Next.js processes (runtime/supervisor.ts).
process.on("message", (message: { type?: string; backends?: NextBackend[] }) => {
  if (message?.type !== backendsMessage || !message.backends) return;
  void pool.replace(message.backends).then(() => process.send?.({ type: backendsApplied }));
});
answerMemoryProbes();
