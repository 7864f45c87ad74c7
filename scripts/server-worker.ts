// One production server process: Next.js's supported custom server on node:http. Alone
// (tests, a process manager) it listens on PORT and serves everything. Under the cluster
// primary (scripts/server-cluster.ts) it is a reader process (public pages, assets) or a
// newsroom process (HERALD_PROCESS_ROLE), and serves the connections that the stream
// processes at the front door (scripts/stream-worker.ts) hand it through the primary.
// Each has its own LISTEN connection and broadcaster (started by instrumentation.ts).
import "./register-server-only-hook.mjs";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import next from "next";
import { PageCache } from "../lib/server/page-cache";
import pino from "pino";
import { logOptions } from "../lib/observability/log-options";
import type { ServerHooks } from "../lib/process/server-hooks";
import { handOffMessage, headOf, serveHere, stopReading, type HandOff } from "./cluster/first-bytes";
import { stopGracefully } from "./cluster/graceful-stop";
import { answerMemoryProbes } from "./cluster/memory-probe";

// The reader's SSE stream is served on plain Node streams, through the same realtime
// module as the route handler (lib/server/sse-fast-path.ts, docs/performance.md).
const { answeredOnSocket, serveStreamFast } = await import("../lib/server/sse-fast-path");

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
/** Set by the cluster primary, which alone listens on PORT and hands connections over. */
const role = process.env.HERALD_PROCESS_ROLE as "reader" | "newsroom" | undefined;
/** Set from the socket for /api/metrics's local-caller check (lib/observability/metrics-access.ts). */
const peerAddressHeader = "x-herald-peer-address";

const log = pino(logOptions(role ?? "worker", process.env.HERALD_LOG_LEVEL ?? "info"));
const app = next({ dev: false, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();
// Request ids, HTTP counts and the graceful shutdown come from lib/, which cannot be
// imported from here (`server-only`): instrumentation.ts installs them on globalThis.
// A production Next server runs instrumentation on its first request, so the warm-up
// request below is handled without them.
const hooksKey = Symbol.for("herald.server-hooks");
const serverHooks = () => (globalThis as Record<symbol, unknown>)[hooksKey] as ServerHooks | undefined;

/** Requests whose work must finish before the process exits (streams are not among them). */
let inFlight = 0;

// Anonymous views of public event pages come from memory, fresh within this process's
// LISTEN round trip of every change; everything else (and every nonce) goes through here too.
const pages = new PageCache({ render: handle, host: `localhost:${port}` });

// Request headers: 16 KiB in all (Node's default, stated: docs/security.md); more is a 431.
const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (request, response) => {
  // The reader's stream first, before any per-request bookkeeping: a stream lives for
  // hours, and nothing per request should be held that long (docs/performance.md).
  if (role === "reader" && request.method === "GET" && handStreamOn(request, response)) return;
  if (serveStreamFast(request, response)) return;
  // What the socket says, for rate limits and HSTS (lib/security/client-address.ts). Set
  // on every request, so a client can never supply its own; the page cache sets
  // `x-herald-nonce` itself and never passes on the client's.
  request.headers["x-herald-client-ip"] = request.socket.remoteAddress ?? "unknown";
  request.headers["x-herald-proto"] = "encrypted" in request.socket && request.socket.encrypted ? "https" : "http";
  const hooks = serverHooks();
  if (!hooks) return pages.handle(request, response);
  const started = performance.now();
  const requestId = hooks.requestIdFrom(request.headers["x-request-id"]);
  // Route handlers read the id from the header; the client sees it in the response.
  request.headers["x-request-id"] = requestId;
  response.setHeader("X-Request-Id", requestId);
  // A local proxy would make every visitor look local: proxied requests are not local.
  const proxied = request.headers["x-forwarded-for"] !== undefined || request.headers.forwarded !== undefined;
  request.headers[peerAddressHeader] = proxied ? "forwarded" : (request.socket.remoteAddress ?? "");
  // Draining: the next request on this connection must open a new one (on another process).
  if (closing()) response.setHeader("Connection", "close");
  const method = request.method ?? "GET";
  const url = request.url ?? "/";
  const route = hooks.routeFamily(method, url, request.headers["next-action"] !== undefined);
  // In flight until the response is done, or until its headers show an SSE stream: a
  // stream lives as long as its reader stays, and is not work to wait for.
  let pending = true;
  inFlight++;
  const settle = () => {
    if (pending) inFlight--;
    pending = false;
  };
  const writeHead = response.writeHead;
  response.writeHead = function (this: http.ServerResponse, ...args: Parameters<typeof writeHead>) {
    const result = writeHead.apply(this, args);
    if (String(this.getHeader("content-type") ?? "").startsWith("text/event-stream")) settle();
    return result;
  } as typeof writeHead;
  response.once("close", () => {
    settle();
    const status = response.headersSent ? response.statusCode : 499; // 499: the client left before an answer
    hooks.responseFinished(route, method, status);
    const entry = { reqId: requestId, method, route, path: url.split("?", 1)[0], status };
    log[route === "static" ? "debug" : "info"]({ ...entry, ms: Math.round(performance.now() - started) }, "request");
  });
  hooks.inRequest(requestId, () => pages.handle(request, response));
});
/**
 * A reader's stream request on a connection this reader process already serves: a browser
 * opens its EventSource on the connection that brought the page. The connection goes on
 * to a stream process with the request, as the stream's alone (its answer closes it), so
 * that streams are held where Next's costs are not (scripts/stream-worker.ts). Served here
 * instead: anything the stream process would not answer on the socket itself, and a
 * request pipelined behind a response still being written (which would be cut short).
 */
function handStreamOn(request: http.IncomingMessage, response: http.ServerResponse): boolean {
  const socket = request.socket as Socket & { _httpMessage?: unknown };
  if (socket._httpMessage !== response) return false;
  const head = headOf(request);
  if (!answeredOnSocket(head)) return false;
  stopReading(socket);
  const message: HandOff = { type: handOffMessage, role: "stream", head };
  // Sent once the parser has finished with this read: sending the socket frees its parser,
  // and freed from inside its own callback, the parser was left in the server's list of
  // connections without a socket, and closeIdleConnections() threw on it at shutdown. Once
  // sent, the socket here has no handle; destroying it ends node:http's request.
  setImmediate(() => process.send!(message, socket, { keepOpen: false }, () => socket.destroy()));
  return true;
}

// SSE readers hold their connections open; Node's idle-request timeouts would cut them.
server.requestTimeout = 0;
server.headersTimeout = 60_000;
server.keepAliveTimeout = 65_000;
if (role) {
  // Connections handed over by the primary (readers' or editors'). The HTTP server itself
  // listens on a private loopback port, so that Node's request timeouts and connection
  // tracking run for every connection it serves.
  process.on("message", (message: HandOff, socket?: Socket) => {
    if (message?.type === handOffMessage && socket) serveHere(server, socket, message.head);
  });
  server.listen({ port: 0, host: "127.0.0.1", exclusive: true }, () => void warmUp());
} else {
  // A crowd arriving at once: Node's default backlog is 511 (the kernel allows 4096 here).
  server.listen({ port, host, backlog: 4096 }, () => void warmUp());
}

/**
 * One request makes Next run instrumentation.ts now: the LISTEN connection, the
 * scheduler, metrics and the hooks above start with the process, not with its first
 * visitor. It goes to a private loopback port of this process (`exclusive`: under
 * node:cluster the shared port could hand it to another worker). Then: ready.
 */
async function warmUp(): Promise<void> {
  const warm = http.createServer((request, response) => void handle(request, response));
  try {
    await new Promise<void>((resolve) => warm.listen({ port: 0, host: "127.0.0.1", exclusive: true }, resolve));
    const { port: warmPort } = warm.address() as AddressInfo;
    // node:http rather than fetch: undici's first use in a cluster worker that has loaded
    // lib/ through the server-only resolve hook never returned.
    await new Promise<void>((resolve, reject) => {
      http
        .get({ host: "127.0.0.1", port: warmPort, path: "/api/health?probe=live" }, (response) => {
          response.resume().on("end", resolve);
        })
        .on("error", reject);
    });
  } catch (error) {
    log.warn({ err: error }, "server: the warm-up request failed");
  } finally {
    warm.close();
  }
  log.info({ port, host, hooks: serverHooks() !== undefined }, "server: listening");
  process.send?.({ type: "ready" });
}

// Graceful shutdown: stop accepting connections, send stream readers to other processes
// with a jittered retry, let in-flight requests (publishes) finish, close Postgres
// connections, exit 0.
const closing = stopGracefully(log, {
  stopAccepting: () => (server.close(), server.closeIdleConnections()),
  shutDown: () => serverHooks()?.shutDown(() => inFlight),
  afterwards: () => server.closeAllConnections(),
  details: () => ({ inFlight }),
});

answerMemoryProbes();
