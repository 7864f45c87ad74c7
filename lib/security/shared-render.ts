import crypto from "node:crypto";

// A page rendered for the stream tier's shared cache (runtime/front-door/shared-cache.ts)
// carries no nonce: one HTML for every reader. The stream tier asks for such a render with
// this header, and proxy.ts believes it only with the value derived from the server's
// secret, so that nobody else can have a page served without its nonce-based policy.

export const sharedRenderHeader = "x-herald-shared-render";

let memo: { secret: string; token: string } | undefined;

/** The header's value: a one-way function of NEXTAUTH_SECRET, never the secret itself. */
export function sharedRenderToken(secret: string): string {
  if (memo?.secret !== secret) {
    memo = { secret, token: crypto.createHash("sha256").update(`herald:shared-render:${secret}`).digest("base64url") };
  }
  return memo.token;
}

export function isSharedRender(headers: Headers, secret: string): boolean {
  const sent = headers.get(sharedRenderHeader);
  if (!sent) return false;
  const expected = Buffer.from(sharedRenderToken(secret));
  const given = Buffer.from(sent);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}
