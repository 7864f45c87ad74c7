// Which sites may frame /embed/<slug> (CSP frame-ancestors, built in lib/security/csp.ts):
// HERALD_EMBED_ORIGINS, space-separated origins (`https://news.example
// https://*.partner.example`); unset or `*` for any. Pure: lib/env.ts validates it at
// start-up and the proxy turns it into the header. docs/embed.md

// A CSP host-source that is a whole origin: scheme, host (optionally `*.` for its
// subdomains), optional port, nothing else. Paths, quotes, semicolons and keywords are
// refused, so nothing else can be smuggled into the header.
const originPattern = /^https?:\/\/(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/;

/** The CSP sources allowed to frame embeds: `["*"]` for any site. Throws on a malformed entry. */
export function parseEmbedOrigins(raw: string | undefined): string[] {
  const entries = (raw ?? "").trim().split(/\s+/).filter(Boolean);
  if (entries.length === 0 || (entries.length === 1 && entries[0] === "*")) return ["*"];
  const origins: string[] = [];
  for (const entry of entries) {
    const origin = entry.toLowerCase().replace(/\/$/, "");
    if (!originPattern.test(origin)) {
      throw new Error(`"${entry}" is not an origin such as https://news.example (or * alone, for any site)`);
    }
    if (!origins.includes(origin)) origins.push(origin);
  }
  return origins;
}
