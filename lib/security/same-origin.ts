import "server-only";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";

/**
 * For route handlers that change state on the strength of the session cookie: refuses a
 * request another site's page made (CSRF). Browsers send `Origin` with every POST, PATCH
 * and DELETE, cross-site or not, and a page cannot forge it; it must name this host.
 * Without `Origin` (curl, a server), `Sec-Fetch-Site`, if any, must not say cross-site.
 * Server actions get the same check from Next itself; next-auth has its CSRF token.
 */
export function requireSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) {
    const site = request.headers.get("sec-fetch-site");
    if (site === null || site === "same-origin" || site === "none") return;
    throw refused();
  }
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    throw refused(); // "null" (sandboxed frames, data: pages) or garbage
  }
  if (!allowedHosts(request).has(host.toLowerCase())) throw refused();
}

function allowedHosts(request: Request): Set<string> {
  const hosts = new Set<string>();
  const host = request.headers.get("host");
  if (host) hosts.add(host.toLowerCase());
  const config = env();
  // Behind a trusted proxy the Host we see may be internal; the proxy says the public one.
  const forwarded = request.headers.get("x-forwarded-host");
  if (forwarded && config.HERALD_TRUST_PROXY > 0) hosts.add(forwarded.split(",").at(-1)!.trim().toLowerCase());
  if (config.NEXTAUTH_URL) hosts.add(new URL(config.NEXTAUTH_URL).host.toLowerCase());
  return hosts;
}

function refused(): ForbiddenError {
  return new ForbiddenError("Refused: this request came from another site.");
}
