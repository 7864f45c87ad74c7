// A Google News sitemap (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap):
// the sitemap protocol's <urlset> with a news:news block per article. Pure; every text escaped.
import { escapeXml } from "./atom-feed";

export type NewsSitemapEntry = {
  /** Absolute URL of the page. */
  url: string;
  title: string;
  /** ISO 8601. */
  publishedAt: string;
  /** ISO 8601: the page's last change. */
  changedAt: string;
};

export type NewsSitemapInput = {
  /** The publication's name, as Google News knows it. */
  publicationName: string;
  /** ISO 639 code of the publication's language. */
  language: string;
  entries: readonly NewsSitemapEntry[];
};

// Google reads at most this many news URLs per sitemap.
export const newsSitemapMaxUrls = 1000;

export function newsSitemap({ publicationName, language, entries }: NewsSitemapInput): string {
  const urls = entries
    .slice(0, newsSitemapMaxUrls)
    .map((entry) =>
      [
        "  <url>",
        `    <loc>${escapeXml(entry.url)}</loc>`,
        `    <lastmod>${escapeXml(entry.changedAt)}</lastmod>`,
        "    <news:news>",
        "      <news:publication>",
        `        <news:name>${escapeXml(publicationName)}</news:name>`,
        `        <news:language>${escapeXml(language)}</news:language>`,
        "      </news:publication>",
        `      <news:publication_date>${escapeXml(entry.publishedAt)}</news:publication_date>`,
        `      <news:title>${escapeXml(entry.title)}</news:title>`,
        "    </news:news>",
        "  </url>",
      ].join("\n"),
    );
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...urls,
    "</urlset>",
    "",
  ].join("\n");
}
