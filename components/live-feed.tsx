"use client";

import { useTranslations } from "next-intl";
import { useContext, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useFeedViewport } from "@/lib/client/use-feed-viewport";
import { useHydrated } from "@/lib/client/use-hydrated";
import { useLiveChanges } from "@/lib/client/use-live-changes";
import { useOlderPosts } from "@/lib/client/use-older-posts";
import { PollsContext } from "@/lib/client/poll-store";
import { ReactionsContext } from "@/lib/client/reaction-store";
import { useReaderOrder } from "@/lib/client/use-reader-order";
import type { StreamChannel } from "@/lib/shared/reader-channels";
import { feedReducer, initialFeed } from "@/lib/shared/reader-feed";
import type { ChangeMessage, EventView, PostView } from "@/lib/shared/types";
import { LiveStatusBadge } from "./live-status";
import { LoadOlder } from "./load-older";
import { NewUpdatesPill } from "./new-updates-pill";
import { OrderToggle } from "./order-toggle";
import { PostCard } from "./post-card";

type Props = {
  slug: string;
  /** The latest posts, newest first. */
  initialPosts: PostView[];
  initialSeq: number;
  /** The event had ended when the page was rendered: show it as it is, connect to nothing. */
  ended: boolean;
  /** The pinned post when it is older than `initialPosts`. */
  pinned?: PostView | null;
  /** Where older posts continue (GET /api/events/<slug>/posts); none: no "load older". */
  nextCursor?: string | null;
  /** The event's order; the reader may choose another, which is remembered. */
  order?: EventView["order"];
  timeZone?: string;
  /** A permalink's post: marked, scrolled to and focused. */
  highlightId?: string;
  /** Per-post controls (the console's edit/delete); readers get none. */
  renderActions?: (post: PostView) => React.ReactNode;
  /** Every change, after the feed has taken it (the page header and timeline follow them). */
  onChange?: (change: ChangeMessage) => void;
  /** Called when the event ends while the page is open. */
  onEnded?: () => void;
  /** "embed" in the embed, "desk" in the console: counted apart in the desk's analytics. */
  via?: StreamChannel;
};

/** The event's posts, kept current over SSE without ever moving what the reader is reading. */
export function LiveFeed({
  slug,
  initialSeq,
  ended,
  highlightId,
  renderActions,
  onChange,
  onEnded,
  via,
  ...props
}: Props) {
  const t = useTranslations("reader");
  const timeZone = props.timeZone ?? "UTC";
  const [feed, dispatch] = useReducer(feedReducer, null, () =>
    initialFeed(props.initialPosts, props.pinned ?? null, props.nextCursor ?? null),
  );
  const [order, setOrder] = useReaderOrder(slug, props.order ?? "NEWEST_FIRST");
  const newestFirst = order === "NEWEST_FIRST";
  const ids = useMemo(() => new Set(feed.posts.map((p) => p.id)), [feed.posts]);
  const { edgeRef, listRef, unseen, away, holdViewport, arrived, showNew } = useFeedViewport(newestFirst, ids, feed);
  const hydrated = useHydrated();
  const [announcement, setAnnouncement] = useState("");
  const arrivals = useRef<PostView[]>([]);
  const announceTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const focusAfterLoad = useRef<string | null>(null);
  const reactions = useContext(ReactionsContext);
  const polls = useContext(PollsContext);

  // One short polite announcement for a burst of posts, not one per post.
  function announce(post: PostView) {
    arrivals.current.push(post);
    clearTimeout(announceTimer.current);
    announceTimer.current = setTimeout(() => {
      const posts = arrivals.current;
      arrivals.current = [];
      const headline = posts.length === 1 ? posts[0]!.headline : null;
      if (posts.length > 1) setAnnouncement(t("newUpdates", { count: posts.length }));
      else setAnnouncement(headline ? t("newUpdateHeadline", { headline }) : t("newUpdate"));
    }, 1000);
  }
  useEffect(() => () => clearTimeout(announceTimer.current), []);

  const status = useLiveChanges(
    slug,
    initialSeq,
    ended,
    (change) => {
      const post = change.type === "post.published" && change.post && !ids.has(change.post.id) ? change.post : null;
      holdViewport();
      dispatch({ type: "change", change });
      if (post) {
        arrived(post.id);
        announce(post);
      }
      onChange?.(change);
      if (change.type === "ended") {
        reactions?.freeze(); // counts of an ended event are final
        onEnded?.();
      }
    },
    { via, onReactions: reactions?.apply, onPolls: polls?.apply },
  );

  const older = useOlderPosts(slug, feed.cursor, (page) => {
    dispatch({ type: "older", posts: page.posts, cursor: page.nextCursor });
    setAnnouncement(t("olderLoaded", { count: page.posts.length }));
  });
  const loadByHand = async () => {
    // Newest first, the new posts come after the button's old place: read on from there.
    // Oldest first, they appear right under the button, which keeps the focus.
    focusAfterLoad.current = newestFirst ? (feed.posts.at(-1)?.id ?? null) : null;
    await older.load();
  };
  // A reader who pressed the button goes on reading at the first post it brought.
  useEffect(() => {
    const last = focusAfterLoad.current;
    if (!last) return;
    focusAfterLoad.current = null;
    const at = feed.posts.findIndex((p) => p.id === last);
    const first = at >= 0 ? feed.posts[at + 1] : undefined;
    if (first) document.getElementById(`post-${first.id}`)?.focus({ preventScroll: true });
  }, [feed.posts]);

  useEffect(() => {
    const target = highlightId && document.getElementById(`post-${highlightId}`);
    if (!target) return;
    target.scrollIntoView({ block: "start" });
    target.focus({ preventScroll: true });
  }, [highlightId]);

  const inOrder = newestFirst ? feed.posts : [...feed.posts].reverse();
  const pinned = inOrder.filter((p) => p.pinned);
  const rest = inOrder.filter((p) => !p.pinned);
  const unseenIds = new Set(unseen);
  const card = (post: PostView) => (
    <PostCard
      key={post.id}
      post={post}
      slug={slug}
      timeZone={timeZone}
      highlighted={post.id === highlightId}
      fresh={unseenIds.has(post.id)}
      actions={renderActions?.(post)}
    />
  );
  // Controls that work only with JavaScript are rendered from the start but invisible until
  // hydrated (visibility hides them from keyboards and screen readers too): their space is
  // reserved, so nothing below them moves when they appear (CLS).
  const untilHydrated = hydrated ? undefined : "invisible";
  const loadOlder = feed.cursor && (
    <div className={untilHydrated}>
      <LoadOlder
        auto={newestFirst}
        cursor={feed.cursor}
        loading={older.loading}
        failed={older.failed}
        label={newestFirst ? t("loadOlder") : t("loadEarlier")}
        onLoad={loadByHand}
      />
    </div>
  );
  const edge = <div ref={edgeRef} aria-hidden className="h-px" />;

  return (
    <section aria-labelledby="updates-heading">
      {/* On a phone the toggle has a line of its own, so the badge's changing label never
          re-wraps the row: the row's height is the same before and after hydration. */}
      <div className="mb-2 flex flex-wrap items-center gap-2 py-3">
        <h2
          id="updates-heading"
          className="me-auto text-sm font-bold tracking-widest text-stone-700 uppercase dark:text-stone-300"
        >
          {t("updates")}
        </h2>
        <LiveStatusBadge status={status} />
        <div className={`w-full sm:w-auto ${untilHydrated ?? ""}`}>
          <OrderToggle order={order} onChange={setOrder} />
        </div>
      </div>
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      <div ref={listRef} data-testid="feed">
        {pinned.map(card)}
        {!newestFirst && loadOlder}
        {newestFirst && edge}
        {rest.map(card)}
        {!newestFirst && edge}
        {newestFirst && loadOlder}
      </div>
      {feed.posts.length === 0 && (
        <p className="py-10 text-center text-stone-600 dark:text-stone-400">{t("noUpdates")}</p>
      )}
      {away && unseen.length > 0 && (
        <NewUpdatesPill count={unseen.length} direction={newestFirst ? "up" : "down"} onClick={showNew} />
      )}
    </section>
  );
}
