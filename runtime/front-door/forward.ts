import "server-only";
import http from "node:http";
import { createProxyServer } from "http-proxy-3";
import { logger } from "@/lib/observability/logger";
import type { Backend, BackendPool } from "./backends";
import type { Tier } from "./choose-tier";

/**
 * Connections kept open to the Next.js processes, shared by every request. An idle one is
 * closed here after 30 s, long before Next would close it (runtime/next-process.ts), so no
 * request is ever written to a connection the other side is closing.
 */
export const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64, timeout: 30_000 });
const proxy = createProxyServer({ agent, xfwd: false, changeOrigin: false });

type Forwarded = { pool: BackendPool; tier: Tier; backend: Backend; retried: boolean };
const forwarded = new WeakMap<http.IncomingMessage, Forwarded>();

/**
 * Forwards a request to a ready Next.js process of `tier` (http-proxy-3), streaming both
 * ways: SSE from Next (the editors' presence) passes through unbuffered. With none ready,
 * or if the process refuses the connection and the request cannot be replayed, the client
 * gets a 503 with Retry-After: never an empty reply, never a reset.
 */
export function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  pool: BackendPool,
  tier: Tier,
  retried = false,
): void {
  const backend = pool.pick(tier);
  if (!backend) return unavailable(response, "Herald is starting or restarting; try again in a moment.");
  forwarded.set(request, { pool, tier, backend, retried });
  proxy.web(request, response, { target: backend.url });
}

proxy.on("error", (error, request, response) => {
  const req = request as http.IncomingMessage;
  const res = response as http.ServerResponse;
  const state = forwarded.get(req);
  const code = (error as NodeJS.ErrnoException).code;
  if (state && (code === "ECONNREFUSED" || code === "ECONNRESET")) {
    // Never connected (the process is gone or restarting), or cut before it answered. A
    // request without a body can go to another at once; one with a body has been read
    // into the failed attempt, and may have been processed: its client retries (with its
    // Idempotency-Key).
    if (code === "ECONNREFUSED") state.pool.markDown(state.backend);
    const bodyless = req.method === "GET" || req.method === "HEAD";
    if (bodyless && !state.retried && !res.headersSent) return forward(req, res, state.pool, state.tier, true);
  }
  logger().warn({ err: error, code, path: req.url?.split("?", 1)[0] }, "forward: the Next.js process did not answer");
  if (!res.headersSent) {
    unavailable(res, "The server could not complete this request; it was not necessarily processed. Try again.");
  } else res.destroy();
});

/** 503, a short reason, and when to come back. */
export function unavailable(response: http.ServerResponse, message: string): void {
  if (response.headersSent) return void response.destroy();
  response.writeHead(503, {
    "Content-Type": "text/plain; charset=utf-8",
    "Retry-After": "2",
    "Cache-Control": "no-store",
  });
  response.end(`${message}\n`);
}

/** Sockets to the Next.js processes: closed when this process stops. */
export function closeForwarding(): void {
  agent.destroy();
}
