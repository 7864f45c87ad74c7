// A cursor into an event's published posts, newest first: the position just after a post,
// as "<publishedAt in epoch ms>-<post id>". Opaque to readers, but plain text, so a
// malformed one is refused before it reaches the database.
export type PostCursor = { publishedAt: Date; id: string };

const pattern = /^(\d{1,15})-([a-z0-9]{1,40})$/;

export function encodePostCursor(post: { publishedAt: string; id: string }): string {
  return `${Date.parse(post.publishedAt)}-${post.id}`;
}

/** The cursor, or null when the text is not one. */
export function decodePostCursor(text: string): PostCursor | null {
  const match = pattern.exec(text);
  if (!match) return null;
  const publishedAt = new Date(Number(match[1]));
  if (Number.isNaN(publishedAt.getTime())) return null;
  return { publishedAt, id: match[2]! };
}
