import "server-only";
import crypto from "node:crypto";
import { env } from "@/lib/env";

/**
 * Set by the stream tier (runtime/front-door/server.ts) to the socket's peer address, or
 * to "forwarded" when the request came through a proxy (X-Forwarded-For or Forwarded),
 * always replacing anything a client sent under that name; proxy.ts removes it under Next
 * alone. (Next itself adds X-Forwarded-For to every request, so that check must happen
 * before Next.)
 */
export const peerAddressHeader = "x-herald-peer-address";

const loopback = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Who may scrape /api/metrics: with HERALD_METRICS_TOKEN set, whoever sends it as a
 * bearer token; without, only a caller on this machine that did not come through a
 * proxy (a local proxy would make every visitor look local, hence the forwarding check).
 */
export function mayReadMetrics(headers: Headers, token = env().HERALD_METRICS_TOKEN): boolean {
  if (token) {
    const sent = /^Bearer (\S+)$/i.exec(headers.get("authorization") ?? "")?.[1] ?? "";
    return sameSecret(sent, token);
  }
  const peer = headers.get(peerAddressHeader);
  return peer !== null && loopback.has(peer);
}

function sameSecret(sent: string, expected: string): boolean {
  const a = crypto.createHash("sha256").update(sent).digest();
  const b = crypto.createHash("sha256").update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}
