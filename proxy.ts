import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { isHttps } from "@/lib/security/client-address";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { nonceFromServer } from "@/lib/server/nonce";

// Next 16's proxy (the former middleware): the security headers of every page and route
// handler. The Content-Security-Policy carries a fresh nonce per request; Next reads it
// from the request's CSP header and puts it on its own scripts (which is why every page
// renders dynamically: see app/layout.tsx). Static headers for every path, _next/static
// included, are in next.config.ts.
export function proxy(request: NextRequest) {
  const config = env();
  // A POST to a page is a server action (with JavaScript, or a form without it). Posted
  // by another site's page, Next refuses it too, but as a 500 that says nothing; this
  // refuses it first, as a 403 that says why, with the check the cookie-authenticated
  // route handlers use (lib/security/same-origin.ts). /api routes check for themselves.
  if (request.method === "POST" && !request.nextUrl.pathname.startsWith("/api/")) {
    try {
      requireSameOrigin(request);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      return new NextResponse(error.message, { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
  }
  // The production server may hand us the nonce of a page it caches (trusted only when it
  // is in front, since it strips any client's value); otherwise a new one.
  const nonce = nonceFromServer(request.headers) ?? createNonce();
  const policy = buildContentSecurityPolicy({
    nonce,
    pathname: request.nextUrl.pathname,
    embedOrigins: config.embedOrigins,
    dev: config.NODE_ENV === "development",
  });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  requestHeaders.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  // HSTS only over TLS: sent over plain http it would be ignored anyway, and a local
  // `npm start` on http://localhost must stay reachable.
  if (isHttps(request.headers, config.HERALD_TRUST_PROXY)) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

export const config = {
  // Everything but Next's hashed build assets (their headers: next.config.ts).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
