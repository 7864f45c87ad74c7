"use client";

import { useRouter } from "next/navigation";
import type { PostView } from "@/lib/shared/types";
import { LiveFeed } from "./live-feed";
import { PostActions } from "./post-actions";

type Props = {
  slug: string;
  initialPosts: PostView[];
  initialSeq: number;
  ended: boolean;
  /** Contributors see the feed as readers do: editing published posts is an editor's job. */
  canEdit: boolean;
};

/**
 * The console's view of the feed: the reader's live feed, with edit and delete on each
 * post while the coverage is open. When it ends, the whole console is redrawn as ended.
 */
export function ConsoleFeed({ canEdit, ...props }: Props) {
  const router = useRouter();
  return (
    <LiveFeed
      {...props}
      renderActions={props.ended || !canEdit ? undefined : (post) => <PostActions post={post} />}
      onEnded={() => router.refresh()}
      via="desk"
    />
  );
}
