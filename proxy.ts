import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { buildContentSecurityPolicy, createNonce } from "@/lib/security/csp";
import { nonceFromServer } from "@/lib/server/nonce";

// A minimal proxy for the page cache's side of the CSP nonce (feat/security has the full
// one): the nonce the production server chose (x-herald-nonce; trusted only when that
// server is in front, which strips any client's value), else a fresh one.
export function proxy(request: NextRequest) {
  const config = env();
  const nonce = nonceFromServer(request.headers) ?? createNonce();
  const policy = buildContentSecurityPolicy({
    nonce,
    pathname: request.nextUrl.pathname,
    embedOrigins: config.embedOrigins,
    dev: config.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
