// Every public address of an event, in one place: the page, a post's permalink, the
// Atom feed and the embed. Absolute forms take the site's public origin (lib/env.ts).

export const eventPath = (slug: string) => `/e/${slug}`;
export const postPath = (slug: string, postId: string) => `/e/${slug}/p/${encodeURIComponent(postId)}`;
export const feedPath = (slug: string) => `/e/${slug}/feed.xml`;
export const embedPath = (slug: string) => `/embed/${slug}`;

/** `path` (or an already absolute URL, e.g. an image on a CDN) against the public origin. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return new URL(path, publicUrl).toString();
}
