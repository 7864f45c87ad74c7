import "server-only";
import type { PostKindName } from "@/lib/shared/validation";
import { escapeHtml } from "./embeds";
import { renderMarkdown, type ImageSizes } from "./render-markdown";

export type PostContent = { kind: PostKindName; body: string; quoteBy?: string | null };

/** A post's sanitized HTML, as its kind shows it. */
export function renderPost({ kind, body, quoteBy }: PostContent, imageSizes?: ImageSizes): string {
  const html = renderMarkdown(body, imageSizes);
  return kind === "quote" ? asQuote(html, quoteBy ?? "") : html;
}

/**
 * A quote: the post's sanitized HTML inside a blockquote, with the attribution escaped as
 * plain text in `<footer><cite>` — an attribution is never Markdown or HTML.
 */
export function asQuote(bodyHtml: string, quoteBy: string): string {
  return `<blockquote>${bodyHtml}<footer><cite>${escapeHtml(quoteBy)}</cite></footer></blockquote>`;
}
