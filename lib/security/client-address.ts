// Who is asking, and over what. Pure (headers in, string out) so that proxy.ts and the
// route handlers share it; callers pass HERALD_TRUST_PROXY from lib/env.ts.
//
// The stream tier (runtime/front-door/server.ts) overwrites `x-herald-client-ip` and
// `x-herald-proto` on every request with what the socket says, so they cannot be forged;
// under Next.js alone proxy.ts removes them.
// X-Forwarded-* can be sent by anyone: they count only when an operator says that
// `trustedProxies` proxies in front of Herald append to them.

export const clientIpHeader = "x-herald-client-ip";
export const protoHeader = "x-herald-proto";

/** An address's largest sensible length: IPv6 with a zone, with room to spare. */
const maxAddressLength = 64;

/** The client's address: the socket's, or the one the trusted proxies saw; "unknown" without either. */
export function clientAddress(headers: Headers, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((hop) => hop.trim())
      .filter((hop) => hop !== "");
    // Each trusted proxy appends what it saw: the address `trustedProxies` from the right
    // was written by the outermost one we trust. Anything left of it the client made up.
    const seen = hops.at(-trustedProxies) ?? hops[0];
    if (seen) return normalize(seen);
  }
  const socket = headers.get(clientIpHeader);
  return socket ? normalize(socket) : "unknown";
}

/** Whether the client reached us over TLS (for HSTS): the socket, or a trusted proxy's word. */
export function isHttps(headers: Headers, trustedProxies: number): boolean {
  if (headers.get(protoHeader) === "https") return true;
  if (trustedProxies === 0) return false;
  // The proxy next to us says how it was reached (proxies set this header rather than append).
  const protos = (headers.get("x-forwarded-proto") ?? "").split(",");
  return protos.at(-1)?.trim().toLowerCase() === "https";
}

function normalize(address: string): string {
  // "::ffff:10.0.0.1" is 10.0.0.1: one client, one bucket.
  const plain = address.startsWith("::ffff:") ? address.slice(7) : address;
  return plain.slice(0, maxAddressLength).toLowerCase();
}
