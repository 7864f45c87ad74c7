import crypto from "node:crypto";

// The sha256 (base64) of the inline scripts of a shared page that Next.js itself writes,
// for its hash-based CSP (lib/security/csp.ts). Only scripts of Next's own forms count: a
// call that hands JSON to Next's runtime (its flight data, Turbopack's chunk list). Any
// other inline script, such as one that reached the HTML through a flaw elsewhere, gets no
// hash and does not run. The hash is over the text exactly as written, as browsers compute it.

const inlineScript = /<script\b(?![^>]*\bsrc\s*=)([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const nextForms = [
  /^self\.__next_f\.push\(([\s\S]*)\);?$/,
  /^\(self\.__next_f=self\.__next_f\|\|\[\]\)\.push\(([\s\S]*)\);?$/,
  /^\(globalThis\["TURBOPACK"\] \|\| \(globalThis\["TURBOPACK"\] = \[\]\)\)\.push\(([\s\S]*)\);?$/,
];

export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes, text] of html.matchAll(inlineScript)) {
    if (/\btype\s*=\s*"application\/ld\+json"/i.test(attributes!)) continue; // data, never run
    if (!isNextScript(text!)) continue;
    hashes.add(crypto.createHash("sha256").update(text!, "utf8").digest("base64"));
  }
  return [...hashes];
}

/** One of Next's forms, with an argument that is JSON and nothing else. */
export function isNextScript(text: string): boolean {
  for (const form of nextForms) {
    const argument = form.exec(text)?.[1];
    if (argument === undefined) continue;
    try {
      JSON.parse(argument);
      return true;
    } catch {
      return false;
    }
  }
  return false;
}
