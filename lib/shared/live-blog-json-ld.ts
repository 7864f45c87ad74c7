// schema.org LiveBlogPosting for an event page (https://schema.org/LiveBlogPosting):
// what search engines read to show a page as live coverage. Pure: the page gives it the
// event, the posts it renders and absolute URLs.
import { excerpt, plainText } from "./plain-text";
import type { PostView } from "./types";

export type LiveBlogInput = {
  /** The event page's canonical, absolute URL. */
  url: string;
  title: string;
  description: string;
  /** The key points' sanitized HTML ("" or left out: none); given to search engines as text. */
  summaryHtml?: string;
  status: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED";
  /** ISO 8601: when coverage is announced to start, else when the event was created. */
  startsAt: string | null;
  createdAt: string;
  /** Absolute URL of the event's share image: its cover, or a generated card. */
  imageUrl: string | null;
  /** The newsroom's name. */
  publisher: string;
  /** The event's language (BCP 47), its `inLanguage`. */
  language: string;
  posts: readonly PostView[];
  /** A post's absolute permalink. */
  postUrl: (postId: string) => string;
};

export type BlogPosting = {
  "@context"?: "https://schema.org";
  "@type": "BlogPosting";
  "@id": string;
  url: string;
  headline: string;
  datePublished: string;
  dateModified: string;
  articleBody: string;
  author: { "@type": "Person"; name: string };
  mainEntityOfPage?: string;
  image?: string[];
  publisher?: Organization;
  isPartOf?: { "@type": "LiveBlogPosting"; "@id": string; url: string; headline: string };
  inLanguage?: string;
};

type Organization = { "@type": "Organization"; name: string };

export type LiveBlogPosting = {
  "@context": "https://schema.org";
  "@type": "LiveBlogPosting";
  "@id": string;
  url: string;
  mainEntityOfPage: string;
  headline: string;
  description?: string;
  inLanguage: string;
  abstract?: string;
  image?: string[];
  datePublished: string;
  dateModified: string;
  coverageStartTime: string;
  coverageEndTime?: string;
  publisher: Organization;
  liveBlogUpdate: BlogPosting[];
};

// Search engines cut headlines around 110 characters.
const headlineMax = 110;

const newestFirst = (a: PostView, b: PostView) =>
  b.publishedAt.localeCompare(a.publishedAt) || b.id.localeCompare(a.id);

function update(post: PostView, postUrl: (id: string) => string): BlogPosting {
  const body = plainText(post.html);
  const url = postUrl(post.id);
  return {
    "@type": "BlogPosting",
    "@id": url,
    url,
    headline: excerpt(post.headline?.trim() || body || "Update", headlineMax),
    datePublished: post.publishedAt,
    dateModified: post.editedAt ?? post.publishedAt,
    articleBody: body,
    author: { "@type": "Person", name: post.authorName },
  };
}

/**
 * Updates newest first (as the feed). Coverage starts at the announced start, else at the
 * event's creation; it has an end only once the event has ended (at its last update) —
 * a live event's end is not known, and schema.org does not require one.
 */
export function liveBlogJsonLd(input: LiveBlogInput): LiveBlogPosting {
  const posts = [...input.posts].sort(newestFirst);
  const updates = posts.map((post) => update(post, input.postUrl));
  const start = input.startsAt ?? input.createdAt;
  const lastModified = updates.reduce((latest, u) => (u.dateModified > latest ? u.dateModified : latest), start);
  return {
    "@context": "https://schema.org",
    "@type": "LiveBlogPosting",
    "@id": input.url,
    url: input.url,
    mainEntityOfPage: input.url,
    headline: excerpt(input.title, headlineMax),
    ...(input.description ? { description: input.description } : {}),
    inLanguage: input.language,
    ...(input.summaryHtml ? { abstract: plainText(input.summaryHtml) } : {}),
    ...(input.imageUrl ? { image: [input.imageUrl] } : {}),
    datePublished: start,
    dateModified: lastModified,
    coverageStartTime: start,
    ...(input.status === "ENDED" ? { coverageEndTime: lastModified } : {}),
    publisher: { "@type": "Organization", name: input.publisher },
    liveBlogUpdate: updates,
  };
}

export type PostingInput = {
  /** The post's absolute permalink, and the image shared with it. */
  url: string;
  imageUrl: string;
  post: PostView;
  publisher: string;
  /** The event's language (BCP 47). */
  language: string;
  /** The event's page, where the post is one update of its LiveBlogPosting. */
  liveBlog: { url: string; title: string };
};

/** schema.org BlogPosting for a permalink page, part of the event's LiveBlogPosting. */
export function blogPostingJsonLd(input: PostingInput): BlogPosting {
  return {
    "@context": "https://schema.org",
    ...update(input.post, () => input.url),
    mainEntityOfPage: input.url,
    inLanguage: input.language,
    image: [input.imageUrl],
    publisher: { "@type": "Organization", name: input.publisher },
    isPartOf: {
      "@type": "LiveBlogPosting",
      "@id": input.liveBlog.url,
      url: input.liveBlog.url,
      headline: excerpt(input.liveBlog.title, headlineMax),
    },
  };
}

/**
 * JSON for a `<script type="application/ld+json">`: `<`, `>` and `&` escaped so no text
 * in a post can close the script element, and the line separators JavaScript dislikes.
 */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
