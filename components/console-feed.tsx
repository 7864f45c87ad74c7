"use client";

import type { PostView } from "@/lib/shared/types";
import { LiveFeed } from "./live-feed";
import { PostActions } from "./post-actions";

type Props = { slug: string; initialPosts: PostView[]; initialSeq: number; ended: boolean };

/** The console's view of the feed: the reader's live feed, with edit and delete on each post. */
export function ConsoleFeed(props: Props) {
  return <LiveFeed {...props} renderActions={(post) => <PostActions post={post} />} />;
}
