import "server-only";

// Runs on sanitize-html's output, which writes every attribute double-quoted and escaped,
// so a paragraph holding nothing but one link has exactly this shape.
const loneLink = /^<p><a href="([^"<>]*)" target="_blank" rel="noopener noreferrer nofollow">([^<>]*)<\/a><\/p>$/gm;

const youtubeId = /^[A-Za-z0-9_-]{11}$/;
const youtubeHosts = new Set(["youtube.com", "www.youtube.com", "m.youtube.com"]);
const xHosts = new Set(["x.com", "www.x.com", "twitter.com", "www.twitter.com", "mobile.twitter.com"]);
const instagramHosts = new Set(["instagram.com", "www.instagram.com"]);

/**
 * Turns a URL that stands alone in its paragraph into an embed: a YouTube player (from
 * youtube-nocookie.com), or a link card for X/Twitter, Instagram and anything
 * else. Cards are plain links: no third-party script ever runs on our origin. A URL inside
 * a sentence, or a link whose text is not its URL, stays an ordinary link.
 */
export function embedLoneLinks(html: string): string {
  return html.replace(loneLink, (paragraph, href: string, text: string) => {
    const url = decodeEntities(href);
    if (decodeEntities(text) !== url) return paragraph;
    return embedFor(url) ?? paragraph;
  });
}

export function embedFor(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return null;
  if (url.username || url.password) return null;
  const host = url.hostname.toLowerCase();

  const video = youtubeVideoId(url, host);
  if (video) return youtubeEmbed(video);
  if (xHosts.has(host) && /^\/[A-Za-z0-9_]{1,15}\/status\/\d{1,25}\/?$/.test(url.pathname)) return card(url, "X");
  if (instagramHosts.has(host) && /^\/(p|reel)\/[A-Za-z0-9_-]{1,64}\/?$/.test(url.pathname))
    return card(url, "Instagram");
  return card(url, host);
}

function youtubeVideoId(url: URL, host: string): string | null {
  let id: string | null = null;
  if (youtubeHosts.has(host) && url.pathname === "/watch") id = url.searchParams.get("v");
  else if (host === "youtu.be") id = /^\/([^/]+)$/.exec(url.pathname)?.[1] ?? null;
  return id !== null && youtubeId.test(id) ? id : null;
}

function youtubeEmbed(id: string): string {
  // `id` matched [A-Za-z0-9_-]{11}: nothing in it needs escaping, but escape anyway.
  const src = `https://www.youtube-nocookie.com/embed/${escapeHtml(id)}`;
  // No sandbox: the player needs scripts and its own origin, and a sandbox allowing both is
  // no sandbox (the HTML checker rejects the pair). What holds it: the frame is cross-origin,
  // so it cannot reach this page; the CSP's frame-src admits only this host; the allow list
  // grants only what a player uses; the referrer is our origin, never the page's path.
  return (
    `<div class="embed embed-video relative my-3 aspect-video w-full overflow-hidden rounded-md">` +
    `<iframe class="absolute inset-0 h-full w-full" src="${src}" title="YouTube video" ` +
    `allow="encrypted-media; picture-in-picture; fullscreen" referrerpolicy="strict-origin-when-cross-origin" ` +
    `loading="lazy" allowfullscreen></iframe></div>`
  );
}

function card(url: URL, provider: string): string {
  const href = escapeHtml(url.href);
  return (
    `<p><a class="embed-card my-3 block rounded-md border border-stone-200 p-3 no-underline dark:border-stone-700" ` +
    `href="${href}" rel="noopener noreferrer nofollow" target="_blank">` +
    `<span class="embed-card-provider block text-xs font-semibold uppercase text-stone-500">${escapeHtml(provider)}</span>` +
    `<span class="embed-card-url block break-all text-sm">${href}</span></a></p>`
  );
}

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]{1,6});/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#(\d{1,7});/g, (_, dec: string) => codePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A character, or U+FFFD for a number that names none (so the URL check fails, safely). */
function codePoint(value: number): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : "\ufffd";
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}
