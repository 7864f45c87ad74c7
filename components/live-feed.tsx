"use client";

import { useReducer } from "react";
import { useLiveChanges } from "@/lib/client/use-live-changes";
import { applyChange, pinnedFirst } from "@/lib/shared/apply-change";
import type { PostView } from "@/lib/shared/types";
import { LiveStatusBadge } from "./live-status";
import { PostCard } from "./post-card";

type Props = {
  slug: string;
  initialPosts: PostView[];
  initialSeq: number;
  /** The event had ended when the page was rendered: show it as it is, connect to nothing. */
  ended: boolean;
  /** Per-post controls (the console's edit/delete); readers get none. */
  renderActions?: (post: PostView) => React.ReactNode;
  /** Called when the event ends while the page is open. */
  onEnded?: () => void;
};

/** The event's posts, newest first, kept current over SSE. Server-rendered first. */
export function LiveFeed({ slug, initialPosts, initialSeq, ended, renderActions, onEnded }: Props) {
  const [posts, apply] = useReducer(applyChange, initialPosts);
  const status = useLiveChanges(slug, initialSeq, ended, (change) => {
    apply(change);
    if (change.type === "ended") onEnded?.();
  });
  return (
    <section aria-labelledby="updates-heading">
      <div className="mb-2 flex items-center justify-between">
        <h2 id="updates-heading" className="text-sm font-semibold uppercase tracking-wide text-stone-500">
          Updates
        </h2>
        <LiveStatusBadge status={status} />
      </div>
      {posts.length === 0 ? (
        <p className="py-10 text-center text-stone-500">No updates yet. They will appear here as they are published.</p>
      ) : (
        <div data-testid="feed">
          {pinnedFirst(posts).map((post) => (
            <PostCard key={post.id} post={post} actions={renderActions?.(post)} />
          ))}
        </div>
      )}
    </section>
  );
}
