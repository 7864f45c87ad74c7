import "server-only";
import { type EmbedProvider, embedProvider, matchEmbed, parseWebLink } from "@/lib/shared/social-embeds";

// Runs on sanitize-html's output, which writes every attribute double-quoted and escaped,
// so a paragraph holding nothing but one link has exactly this shape.
const loneLink = /^<p><a href="([^"<>]*)" target="_blank" rel="noopener noreferrer nofollow">([^<>]*)<\/a><\/p>$/gm;

/**
 * Turns a URL that stands alone in its paragraph into an embed: for a social provider
 * (lib/shared/social-embeds.ts) a consent card, for anything else a link card. Neither
 * loads anything from a third party: the card is the link plus a button that
 * components/embed-consent.tsx reveals and, on the reader's click (or a remembered
 * consent), swaps for the provider's player. Without script it stays a plain link. A URL
 * inside a sentence, or a link whose text is not its URL, stays an ordinary link.
 */
export function embedLoneLinks(html: string): string {
  return html.replace(loneLink, (paragraph, href: string, text: string) => {
    const url = decodeEntities(href);
    if (decodeEntities(text) !== url) return paragraph;
    return embedFor(url) ?? paragraph;
  });
}

export function embedFor(raw: string): string | null {
  const url = parseWebLink(raw);
  if (!url) return null;
  const match = matchEmbed(url.href);
  const provider = match && embedProvider(match.provider);
  if (provider) return consentCard(url, provider);
  return card(url, url.hostname.toLowerCase());
}

/**
 * The card names the provider and holds the link; the player's URL is not in the page (the
 * browser derives it from the link with the same table), so nothing here makes a request.
 * The box reserves the player's shape (embed-shape-*), so loading shifts nothing.
 */
function consentCard(url: URL, provider: EmbedProvider): string {
  const href = escapeHtml(url.href);
  const name = escapeHtml(provider.name);
  return (
    `<div class="embed embed-consent embed-shape-${provider.shape}" data-embed-provider="${provider.id}">` +
    `<div class="embed-consent-card">` +
    `<span class="embed-card-provider">${name}</span>` +
    `<a class="embed-card-url" href="${href}" rel="noopener noreferrer nofollow" target="_blank">${href}</a>` +
    `<span class="embed-consent-note" hidden>Load content from ${name} — by loading, you accept ${name}’s privacy policy.</span>` +
    `<button type="button" class="embed-consent-load" data-embed-load hidden>Load content from ${name}</button>` +
    `<label class="embed-consent-remember" hidden><input type="checkbox" data-embed-remember /> Always load ${name} content</label>` +
    `</div></div>`
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
