// The Content-Security-Policy of every response (set by proxy.ts). Deliberately free of
// `server-only` and of env reads: the custom server (scripts/) calls it too, to re-nonce
// pages it serves from its HTML cache, and passes what it knows as options.

/** The frame providers lib/posts/embeds.ts writes iframes for. Keep the two in step. */
export const embedFrameSources = ["https://www.youtube-nocookie.com"] as const;

export type CspOptions = {
  /** A fresh random value per response (base64); Next puts it on its own scripts. */
  nonce: string;
  pathname: string;
  /** Who may frame /embed/* (lib/shared/embed-origins.ts); any site by default. */
  embedOrigins?: readonly string[];
  /** `next dev` needs eval (React's dev tools) and a websocket (hot reload). */
  dev?: boolean;
};

export function isEmbedPath(pathname: string): boolean {
  return pathname === "/embed" || pathname.startsWith("/embed/");
}

export function buildContentSecurityPolicy({ nonce, pathname, embedOrigins = ["*"], dev = false }: CspOptions): string {
  const frameAncestors = isEmbedPath(pathname) ? embedOrigins.join(" ") : "'none'";
  if (pathname.startsWith("/api/")) {
    // JSON, SSE, images and next-auth's fallback pages: nothing here runs script. Inline
    // styles and forms stay for next-auth's plain pages (its error and sign-out screens).
    return serialize({
      "default-src": ["'none'"],
      "style-src": ["'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "form-action": ["'self'"],
      "base-uri": ["'none'"],
      "frame-ancestors": ["'none'"],
    });
  }
  return serialize({
    "default-src": ["'self'"],
    // 'strict-dynamic': scripts our nonced scripts load (Next's chunks) are trusted; no
    // host allowlist, no inline handler, no javascript: URL runs. 'self' is for browsers
    // without strict-dynamic.
    "script-src": ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(dev ? ["'unsafe-eval'"] : [])],
    // style attributes (React's style={…}, sanitized table alignment) need 'unsafe-inline';
    // CSS cannot run script in any browser we support.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Posts may show images from any https host (Markdown images), uploads are 'self'.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "media-src": ["'self'"],
    "frame-src": [...embedFrameSources],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": [frameAncestors],
  });
}

function serialize(directives: Record<string, string[]>): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(" ")}`)
    .join("; ");
}

/** 16 random bytes, base64: unguessable, and a valid CSP nonce-source. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** A nonce handed over by the custom server is used only if it looks like one of ours. */
export function isValidNonce(value: string | null): value is string {
  return value !== null && /^[A-Za-z0-9+/]{16,64}={0,2}$/.test(value);
}
