// Which sites may frame Herald's /embed/* pages (CSP frame-ancestors). Pure, so that the
// proxy and the custom server can both use it. A minimal version: see docs/security.md.

/** `HERALD_EMBED_ORIGINS` ("https://a.example https://b.example") → CSP sources; unset = any. */
export function parseEmbedOrigins(raw: string | undefined): string[] {
  const origins: string[] = [];
  for (const word of (raw ?? "").split(/\s+/)) {
    if (word === "") continue;
    if (word === "*") return ["*"];
    let url: URL;
    try {
      url = new URL(word);
    } catch {
      throw new Error(`HERALD_EMBED_ORIGINS: "${word}" is not an origin such as https://news.example`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      throw new Error(`HERALD_EMBED_ORIGINS: "${word}" must be an http(s) origin`);
    }
    origins.push(url.origin);
  }
  return origins.length > 0 ? origins : ["*"];
}
