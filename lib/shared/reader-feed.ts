import { applyChange } from "./apply-change";
import type { ChangeMessage, EventView, KeyEventView, PostView } from "./types";

// The reader's page state, as pure functions so they are unit-tested: the posts the page
// holds (newest first, one contiguous run from the newest plus the pinned post), where
// "load older" continues, the key events, and the event's header.

export type FeedState = { posts: PostView[]; cursor: string | null };

const newer = (a: PostView, b: PostView) =>
  a.publishedAt === b.publishedAt ? a.id > b.id : a.publishedAt > b.publishedAt;

/** `post` placed where it belongs in a newest-first list (ISO 8601 UTC strings sort as times). */
export function insertByTime(posts: PostView[], post: PostView): PostView[] {
  const at = posts.findIndex((p) => newer(post, p));
  return at < 0 ? [...posts, post] : [...posts.slice(0, at), post, ...posts.slice(at)];
}

export function initialFeed(posts: PostView[], pinned: PostView | null, cursor: string | null): FeedState {
  const has = pinned && posts.some((p) => p.id === pinned.id);
  return { posts: pinned && !has ? insertByTime(posts, pinned) : posts, cursor };
}

export type FeedAction =
  { type: "change"; change: ChangeMessage } | { type: "older"; posts: PostView[]; cursor: string | null };

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  if (action.type === "older") {
    const known = new Set(state.posts.map((p) => p.id));
    const fresh = action.posts.filter((p) => !known.has(p.id));
    return { posts: [...state.posts, ...fresh], cursor: action.cursor };
  }
  const { change } = action;
  // A post pinned while older than anything loaded: it belongs on top all the same.
  if (change.type === "post.updated" && change.post?.pinned && !state.posts.some((p) => p.id === change.post!.id))
    return { ...state, posts: insertByTime(state.posts, change.post) };
  const posts = applyChange(state.posts, change);
  return posts === state.posts ? state : { ...state, posts };
}

/** The timeline after a change: key events oldest first, by the posts' own labels. */
export function applyKeyEventChange(keys: KeyEventView[], change: ChangeMessage): KeyEventView[] {
  const id = change.post?.id ?? change.postId;
  if (!id || !["post.published", "post.updated", "post.deleted"].includes(change.type)) return keys;
  const without = keys.filter((k) => k.id !== id);
  const post = change.type === "post.deleted" ? undefined : change.post;
  if (!post?.keyLabel) return without.length === keys.length ? keys : without;
  const key = { id, label: post.keyLabel, publishedAt: post.publishedAt };
  return [...without, key].sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0));
}

/** The event as the page header shows it (the view `event.updated` carries). */
export type ReaderEvent = EventView;

export function applyEventChange(event: ReaderEvent, change: ChangeMessage): ReaderEvent {
  if (change.type === "ended") return { ...event, status: "ENDED" };
  if (change.type === "event.updated" && change.event) return { ...event, ...change.event };
  return event;
}
