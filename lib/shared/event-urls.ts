// Every public address of an event, in one place: the page, a post's permalink, the
// Atom feed, the embed and the share images. Absolute forms take the site's public origin (lib/env.ts).

export const eventPath = (slug: string) => `/e/${slug}`;
export const postPath = (slug: string, postId: string) => `/e/${slug}/p/${encodeURIComponent(postId)}`;
export const feedPath = (slug: string) => `/e/${slug}/feed.xml`;
export const embedPath = (slug: string) => `/embed/${slug}`;
/** Generated share cards (PNG): the event's, for when it has no cover image, and a post's. */
export const eventImagePath = (slug: string) => `/e/${slug}/share.png`;
export const postImagePath = (slug: string, postId: string) => `${postPath(slug, postId)}/share.png`;

/** `path` (or an already absolute URL, e.g. an image on a CDN) against the public origin. */
export function absoluteUrl(publicUrl: string, path: string): string {
  return new URL(path, publicUrl).toString();
}
