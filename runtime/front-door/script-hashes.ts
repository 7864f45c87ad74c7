import crypto from "node:crypto";

// The sha256 (base64) of every inline script of an HTML page, for a hash-based CSP
// (lib/security/csp.ts). Next writes its inline scripts as plain `<script>…</script>`
// elements whose text has no `</script`; the hash is over the text exactly as written,
// as the browser computes it.

const inlineScript = /<script\b(?![^>]*\bsrc\s*=)[^>]*>([\s\S]*?)<\/script\s*>/gi;

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const match of html.matchAll(inlineScript)) {
    hashes.add(crypto.createHash("sha256").update(match[1]!, "utf8").digest("base64"));
  }
  return [...hashes];
}
