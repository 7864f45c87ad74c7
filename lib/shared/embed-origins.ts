// Which sites may frame /embed/<slug>: HERALD_EMBED_ORIGINS, space-separated origins
// (`https://news.example https://*.partner.example`), unset or `*` for any. Pure, so that
// lib/env.ts validates it once and the CSP builder (frame-ancestors) reads the result.

/** "*" (any site) or the origins allowed, normalised to lower case. */
export type EmbedOrigins = "*" | readonly string[];

// A CSP host-source that is a whole origin: scheme, host (optionally `*.` for subdomains),
// optional port, nothing else. Paths, quotes and keywords are refused, so nothing else
// can be smuggled into the header.
const originPattern = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

export type ParsedEmbedOrigins = { ok: true; origins: EmbedOrigins } | { ok: false; error: string };

export function parseEmbedOrigins(value: string | undefined): ParsedEmbedOrigins {
  const entries = (value ?? "").trim().split(/\s+/).filter(Boolean);
  if (entries.length === 0 || (entries.length === 1 && entries[0] === "*")) return { ok: true, origins: "*" };
  const origins: string[] = [];
  for (const entry of entries) {
    const origin = entry.toLowerCase().replace(/\/$/, "");
    if (!originPattern.test(origin)) {
      return { ok: false, error: `"${entry}" is not an origin like https://news.example (or * alone for any)` };
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return { ok: true, origins };
}

/** The CSP `frame-ancestors` sources for embed pages; Herald itself may always frame them. */
export function embedFrameAncestors(origins: EmbedOrigins): string {
  return origins === "*" ? "*" : ["'self'", ...origins].join(" ");
}
