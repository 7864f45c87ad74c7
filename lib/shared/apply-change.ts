import type { ChangeMessage, PostView } from "./types";

/** A reader's list of posts (newest first) after one change. Pure, so it is unit-tested. */
export function applyChange(posts: PostView[], change: ChangeMessage): PostView[] {
  switch (change.type) {
    case "post.published":
    case "post.updated": {
      const post = change.post;
      if (!post) return posts;
      const at = posts.findIndex((p) => p.id === post.id);
      if (at >= 0) return posts.map((p) => (p.id === post.id ? post : p));
      return change.type === "post.published" ? [post, ...posts] : posts;
    }
    case "post.deleted":
      return posts.filter((p) => p.id !== change.postId);
    default:
      return posts;
  }
}

/** The order readers see: the pinned post on top, the rest as they are. */
export function pinnedFirst(posts: PostView[]): PostView[] {
  const pinned = posts.filter((post) => post.pinned);
  return pinned.length ? [...pinned, ...posts.filter((post) => !post.pinned)] : posts;
}
