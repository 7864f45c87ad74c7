import { NextResponse, type NextRequest } from "next/server";
import { formCsrf, formCsrfHeader } from "@/lib/auth/form-csrf";
import { env } from "@/lib/env";
import { ForbiddenError } from "@/lib/errors";
import { peerAddressHeader } from "@/lib/observability/metrics-access";
import { clientIpHeader, isHttps, protoHeader } from "@/lib/security/client-address";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { isSharedRender } from "@/lib/security/shared-render";
import { badPathMessage } from "@/lib/shared/request-path";
import { sharedCacheControl } from "@/lib/shared/shared-pages";

// Next 16's proxy (the former middleware): what every page and route handler answers
// before it runs. Static headers for every path, _next/static included, are in next.config.ts.
export async function proxy(request: NextRequest) {
  const config = env();
  // A URL Next cannot decode would reach routing and fail there as a 500: it is the client's.
  const badPath = badPathMessage(request.nextUrl.pathname);
  if (badPath) return plainText(400, badPath);
  // A POST to a page is a server action (with JavaScript, or a form without it). Posted
  // by another site's page, Next refuses it too, but as a 500 that says nothing; this
  // refuses it first, as a 403 that says why, with the check the cookie-authenticated
  // route handlers use (lib/security/same-origin.ts). /api routes check for themselves.
  if (request.method === "POST" && !request.nextUrl.pathname.startsWith("/api/")) {
    try {
      requireSameOrigin(request);
    } catch (error) {
      if (!(error instanceof ForbiddenError)) throw error;
      return plainText(403, error.message);
    }
  }
  const pathname = request.nextUrl.pathname;
  const requestHeaders = new Headers(request.headers);
  // What the stream tier says of the socket (lib/security/client-address.ts): under Next.js
  // alone nobody overwrites these, so a client's values must not reach the app.
  if (!config.HERALD_PROCESS_ROLE) for (const name of socketHeaders) requestHeaders.delete(name);
  // The sign-in form carries next-auth's CSRF token, so it works before (or without) its script.
  requestHeaders.delete(formCsrfHeader);
  const csrf = request.method === "GET" && pathname === "/sign-in" ? await formCsrf(request.headers) : null;
  if (csrf) requestHeaders.set(formCsrfHeader, csrf.token);
  // Rendered once for the stream tier's shared cache: no nonce, and the stream tier sets the
  // policy from the page's own script hashes. Any other render gets a fresh nonce.
  const shared = isSharedRender(request.headers, config.NEXTAUTH_SECRET);
  let policy: string | null = null;
  if (!shared) {
    const nonce = createNonce();
    policy = buildContentSecurityPolicy({
      scripts: { nonce },
      pathname,
      embedOrigins: config.embedOrigins,
      dev: config.NODE_ENV === "development",
    });
    requestHeaders.set("content-security-policy", policy);
    requestHeaders.set("x-nonce", nonce);
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const cookie of csrf?.setCookies ?? []) response.headers.append("Set-Cookie", cookie);
  if (policy) response.headers.set("Content-Security-Policy", policy);
  const cacheControl = shared ? sharedCacheControl(pathname) : null;
  if (cacheControl) response.headers.set("Cache-Control", cacheControl);
  // HSTS only over TLS: sent over plain http it would be ignored anyway, and a local
  // `npm start` on http://localhost must stay reachable.
  if (isHttps(requestHeaders, config.HERALD_TRUST_PROXY)) {
    response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  }
  return response;
}

const socketHeaders = [clientIpHeader, protoHeader, peerAddressHeader];

function plainText(status: number, message: string) {
  return new NextResponse(message, {
    status,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export const config = {
  // Everything but Next's hashed build assets (their headers: next.config.ts).
  matcher: ["/((?!_next/static|_next/image).*)"],
};
