// An event as an Atom feed (RFC 4287): entries newest first, each identified by its
// permalink, with the post's sanitized HTML as escaped `html` content. Pure.
import { excerpt, plainText } from "./plain-text";
import type { PostView } from "./types";

export type AtomFeedInput = {
  /** Absolute URLs: the event page, this feed, and a post's permalink. */
  pageUrl: string;
  feedUrl: string;
  postUrl: (postId: string) => string;
  /** The site's origin: relative links in posts (uploaded images) resolve against it. */
  publicUrl: string;
  title: string;
  description: string;
  /** The event's language (BCP 47): the feed's `xml:lang`. */
  language: string;
  /** ISO 8601, used as `updated` while nothing is published. */
  createdAt: string;
  posts: readonly PostView[];
};

// XML 1.0 forbids most control characters even when escaped; drop them.
const notXmlChar = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(notXmlChar, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

const newestFirst = (a: PostView, b: PostView) =>
  b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);
const updatedOf = (post: PostView) => post.editedAt ?? post.publishedAt;

function entry(post: PostView, postUrl: string): string {
  const title = excerpt(post.headline?.trim() || plainText(post.html) || "Update", 110);
  return [
    "  <entry>",
    `    <id>${escapeXml(postUrl)}</id>`,
    `    <title type="text">${escapeXml(title)}</title>`,
    `    <link rel="alternate" type="text/html" href="${escapeXml(postUrl)}"/>`,
    `    <published>${post.publishedAt}</published>`,
    `    <updated>${updatedOf(post)}</updated>`,
    `    <author><name>${escapeXml(post.authorName)}</name></author>`,
    `    <content type="html">${escapeXml(post.html)}</content>`,
    "  </entry>",
  ].join("\n");
}

export function atomFeed(input: AtomFeedInput): string {
  const posts = [...input.posts].sort(newestFirst);
  const updated = posts.map(updatedOf).reduce((latest, at) => (at > latest ? at : latest), input.createdAt);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(input.language)}" xml:base="${escapeXml(input.publicUrl)}/">`,
    `  <id>${escapeXml(input.pageUrl)}</id>`,
    `  <title type="text">${escapeXml(input.title)}</title>`,
    ...(input.description ? [`  <subtitle type="text">${escapeXml(input.description)}</subtitle>`] : []),
    `  <updated>${updated}</updated>`,
    // Atom wants an author for the feed unless every entry has one; an empty feed has none.
    "  <author><name>Herald</name></author>",
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(input.feedUrl)}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(input.pageUrl)}"/>`,
    "  <generator>Herald</generator>",
    ...posts.map((post) => entry(post, input.postUrl(post.id))),
    "</feed>",
    "",
  ].join("\n");
}
