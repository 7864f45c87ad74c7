// CSP nonces when the production server (scripts/server-worker.ts) is in front of Next:
// it makes one per request and hands it to Next in `x-herald-nonce`, after deleting any
// value a client sent — so the page cache can swap a cached page's nonce for a fresh one.
// No `import "server-only"`: see page-invalidation.ts.
import crypto from "node:crypto";
import type { IncomingMessage } from "node:http";

export const nonceHeader = "x-herald-nonce";

/** 128 random bits, base64: 24 characters, the form Next reads from a CSP header. */
export function newNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

const noncePattern = /^[A-Za-z0-9+/]{22}==$/;

const key = Symbol.for("herald.serverSetsNonce");
const store = globalThis as unknown as Record<symbol, boolean | undefined>;

/** From the production server, before it takes requests: it sets the header on every one. */
export function trustServerNonces(): void {
  store[key] = true;
}

export function setRequestNonce(request: IncomingMessage, nonce: string): void {
  request.headers[nonceHeader] = nonce;
}

/**
 * For proxy.ts: the nonce the production server chose, or null when there is none to
 * trust — under `next dev`/`next start` nobody strips the header, so a client's value
 * must never be used; generate one then.
 */
export function nonceFromServer(headers: Headers): string | null {
  if (!store[key]) return null;
  const nonce = headers.get(nonceHeader);
  return nonce && noncePattern.test(nonce) ? nonce : null;
}
