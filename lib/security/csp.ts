// The Content-Security-Policy of every response: set by proxy.ts with a per-response nonce,
// or, for a page rendered once for a shared cache, by the stream tier with the hashes of the
// page's own inline scripts (runtime/front-door/shared-cache.ts). Free of `server-only` and
// of env reads: callers pass what they know as options.

import { allEmbedFrameOrigins } from "@/lib/shared/social-embeds";

/**
 * The player origins of the social embeds (lib/shared/social-embeds.ts). frame-src lists them
 * all, but only on the pages that show posts: an event page, a post's permalink, the
 * embeddable widget and the console. Per-page lists (only the providers of the posts
 * shown) would not do: a live post arriving over SSE may bring a new provider, and the
 * shared cache keys the policy by path alone. Admitting a host here requests nothing: no
 * iframe exists until the reader consents (lib/client/embed-consent.ts), and posts cannot
 * carry iframes of their own (the sanitizer drops them). Everywhere else frame-src is 'none'.
 */
export const embedFrameSources: readonly string[] = allEmbedFrameOrigins;

export function showsPosts(pathname: string): boolean {
  return pathname.startsWith("/e/") || isEmbedPath(pathname) || pathname.startsWith("/dashboard/events/");
}

export type CspOptions = {
  /**
   * Which inline scripts may run: a fresh random nonce per response (base64), which Next
   * puts on its own scripts; or the sha256 hashes (base64) of every inline script of a page
   * cached and shared as it is, which has no nonce.
   */
  scripts: { nonce: string } | { hashes: readonly string[] };
  pathname: string;
  /** Who may frame /embed/* (lib/shared/embed-origins.ts); any site by default. */
  embedOrigins?: readonly string[];
  /** `next dev` needs eval (React's dev tools) and a websocket (hot reload). */
  dev?: boolean;
};

export function isEmbedPath(pathname: string): boolean {
  return pathname === "/embed" || pathname.startsWith("/embed/");
}

export function buildContentSecurityPolicy({
  scripts,
  pathname,
  embedOrigins = ["*"],
  dev = false,
}: CspOptions): string {
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
    // With a nonce, 'strict-dynamic': scripts our nonced scripts load (Next's chunks) are
    // trusted ('self' is for browsers without it). With hashes, exactly the page's own
    // inline scripts and same-origin files (Next's chunks) run. Either way no inline
    // handler, no javascript: URL and no injected script runs.
    "script-src": [
      "'self'",
      ...("nonce" in scripts
        ? [`'nonce-${scripts.nonce}'`, "'strict-dynamic'"]
        : scripts.hashes.map((hash) => `'sha256-${hash}'`)),
      ...(dev ? ["'unsafe-eval'"] : []),
    ],
    // style attributes (React's style={…}, sanitized table alignment) need 'unsafe-inline';
    // CSS cannot run script in any browser we support.
    "style-src": ["'self'", "'unsafe-inline'"],
    // Posts may show images from any https host (Markdown images), uploads are 'self'.
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "media-src": ["'self'"],
    "frame-src": showsPosts(pathname) ? [...embedFrameSources] : ["'none'"],
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
