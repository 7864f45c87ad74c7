// One production server process: Next.js's supported custom server on node:http. The
// cluster primary (scripts/server-cluster.ts) runs one per core on a shared port; each
// has its own LISTEN connection and broadcaster (started by instrumentation.ts).
import http from "node:http";
import path from "node:path";
import next from "next";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const app = next({ dev: false, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

// Request headers: 16 KiB in all (Node's default, stated: docs/security.md); more is a 431.
const server = http.createServer({ maxHeaderSize: 16 * 1024 }, (request, response) => {
  // What the socket says, for rate limits and HSTS (lib/security/client-address.ts). Set
  // on every request, so a client can never supply its own; `x-herald-nonce` is ours to
  // set (an HTML cache in front of Next), never the client's.
  request.headers["x-herald-client-ip"] = request.socket.remoteAddress ?? "unknown";
  request.headers["x-herald-proto"] = "encrypted" in request.socket && request.socket.encrypted ? "https" : "http";
  delete request.headers["x-herald-nonce"];
  void handle(request, response);
});
// SSE readers hold their connections open; Node's idle-request timeouts would cut them.
server.requestTimeout = 0;
server.headersTimeout = 60_000;
server.keepAliveTimeout = 65_000;
// A crowd arriving at once: Node's default backlog is 511 (the kernel allows 4096 here).
server.listen({ port, host, backlog: 4096 }, () => process.send?.({ type: "ready" }));

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  // Stop taking connections; open streams end when the process exits, and their
  // browsers reconnect (with jitter from `retry:`) to the other processes.
  server.close();
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 2_000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
