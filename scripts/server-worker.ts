// One production server process: Next.js's supported custom server on node:http. The
// cluster primary (scripts/server-cluster.ts) runs one per core on a shared port; each
// has its own LISTEN connection and broadcaster (started by instrumentation.ts).
import http from "node:http";
import path from "node:path";
import next from "next";
import { PageCache } from "../lib/server/page-cache";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";

const app = next({ dev: false, dir: root, hostname: host, port });
await app.prepare();
const handle = app.getRequestHandler();

// Anonymous views of public event pages come from memory, fresh within this process's
// LISTEN round trip of every change; everything else (and every nonce) goes through here too.
const pages = new PageCache({ render: handle, host: `localhost:${port}` });
const server = http.createServer((request, response) => {
  // What the socket says, for rate limits and HSTS (lib/security/client-address.ts). Set
  // on every request, so a client can never supply its own; the page cache sets
  // `x-herald-nonce` itself and never passes on the client's.
  request.headers["x-herald-client-ip"] = request.socket.remoteAddress ?? "unknown";
  request.headers["x-herald-proto"] = "encrypted" in request.socket && request.socket.encrypted ? "https" : "http";
  pages.handle(request, response);
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

// Bench only (bench/cluster-host.ts runs workers with --expose-gc): on request, a full
// GC, then this process's memory figures. Without --expose-gc nothing listens.
const gc = (globalThis as { gc?: () => void }).gc;
if (gc) {
  process.on("message", (m: { type?: string }) => {
    if (m.type !== "bench:memory") return;
    gc();
    process.send?.({ type: "bench:memory", memory: process.memoryUsage() });
  });
}
