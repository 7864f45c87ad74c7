// The one way Herald derives words from a post's HTML (the sanitized output of
// lib/posts/render-markdown.ts): feed titles, JSON-LD, share cards, excerpts. Pure, so the
// server and the browser derive the same text.
//
// Inline elements (<strong>, <a>, <code>…) vanish without a trace, so "out <strong>now</strong>."
// reads "out now."; block elements and line breaks become a space; embeds, media and
// scripts say nothing; entities are decoded and whitespace collapsed to single spaces.

// Elements whose end (or start) separates words. Everything else is inline.
const blocks = new Set([
  ..."address article aside blockquote br caption dd details div dl dt fieldset figcaption figure footer".split(" "),
  ..."form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th thead".split(" "),
  ..."tr ul img".split(" "),
]);
// Elements whose content is not text for a reader: dropped with everything inside.
const silent = new Set(["script", "style", "template", "iframe", "object", "video", "audio", "svg", "noscript"]);

// A tag, with quoted attribute values that may hold `>`; or a comment.
const tag = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-z][a-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
// An embed card's provider label and a consent card's controls (lib/posts/embeds.ts) are
// our markup, not the post's words: either card reads as its URL.
const providerLabel = /\bclass\s*=\s*"[^"]*\bembed-(card-provider|consent-note|consent-load|consent-remember)\b/i;

const named: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  ndash: "–",
  mdash: "—",
  hellip: "…",
  lsquo: "‘",
  rsquo: "’",
  ldquo: "“",
  rdquo: "”",
  laquo: "«",
  raquo: "»",
  copy: "©",
  reg: "®",
  trade: "™",
  middot: "·",
  bull: "•",
  shy: "",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== "#") return named[name] ?? named[name.toLowerCase()] ?? whole;
    const code = /^#x/i.test(name) ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : "\ufffd";
  });
}

/** The words of an HTML fragment, on one line. */
export function plainText(html: string): string {
  let text = "";
  let skipping: { name: string; depth: number } | null = null;
  let last = 0;
  for (const match of html.matchAll(tag)) {
    const [whole, closing, rawName = "", attributes = ""] = match;
    if (!skipping) text += html.slice(last, match.index);
    last = match.index + whole.length;
    if (!rawName) continue; // a comment
    const name = rawName.toLowerCase();
    if (skipping) {
      if (name === skipping.name) skipping.depth += closing ? -1 : whole.endsWith("/>") ? 0 : 1;
      if (skipping.depth === 0) skipping = null;
      continue;
    }
    if (!closing && (silent.has(name) || providerLabel.test(attributes))) {
      if (!whole.endsWith("/>")) skipping = { name, depth: 1 };
      text += " ";
    } else if (blocks.has(name)) text += " ";
  }
  if (!skipping) text += html.slice(last);
  return decodeEntities(text).replace(/\s+/g, " ").trim();
}

/**
 * At most `max` characters, cut at a word when one ends in the last half, trailing
 * punctuation dropped, with an ellipsis. Never splits a character made of two code units.
 */
export function excerpt(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join("");
  const space = chars[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  const words = space > cut.length / 2 ? cut.slice(0, space) : cut;
  return `${words.replace(/[\s,.;:!?–—-]+$/, "")}…`;
}
