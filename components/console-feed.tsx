"use client";

import { useRouter } from "next/navigation";
import type { PollResults } from "@/lib/shared/polls";
import type { PostView } from "@/lib/shared/types";
import { LiveFeed } from "./live-feed";
import { PollsProvider } from "./polls-provider";
import { PostActions } from "./post-actions";

type Props = {
  slug: string;
  initialPosts: PostView[];
  initialSeq: number;
  ended: boolean;
  /** Contributors see the feed as readers do: editing published posts is an editor's job. */
  canEdit: boolean;
  /** Poll counts when the page was rendered (the stream keeps them current), and when. */
  polls: PollResults;
  renderedAt: number;
};

/**
 * The console's view of the feed: the reader's live feed, with edit and delete on each
 * post while the coverage is open, and polls' results live. When it ends, the whole
 * console is redrawn as ended.
 */
export function ConsoleFeed({ canEdit, polls, renderedAt, ...props }: Props) {
  const router = useRouter();
  return (
    <PollsProvider slug={props.slug} initial={polls} renderedAt={renderedAt} frozen={props.ended} desk>
      <LiveFeed
        {...props}
        renderActions={props.ended || !canEdit ? undefined : (post) => <PostActions post={post} />}
        onEnded={() => router.refresh()}
        via="desk"
      />
    </PollsProvider>
  );
}
