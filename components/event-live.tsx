"use client";

import { useState } from "react";
import type { PollResults } from "@/lib/shared/polls";
import type { ReactionTotals } from "@/lib/shared/reactions";
import { applyEventChange, applyKeyEventChange, type ReaderEvent } from "@/lib/shared/reader-feed";
import type { ChangeMessage, KeyEventView, PostView } from "@/lib/shared/types";
import { AskQuestion } from "./ask-question";
import { EventHeader } from "./event-header";
import { KeyEvents } from "./key-events";
import { KeyPoints } from "./key-points";
import { LiveFeed } from "./live-feed";
import { PollsProvider } from "./polls-provider";
import { ReactionsProvider } from "./reactions-provider";

type Props = {
  slug: string;
  event: ReaderEvent;
  posts: PostView[];
  pinned: PostView | null;
  nextCursor: string | null;
  keyEvents: KeyEventView[];
  seq: number;
  /** Reaction counts by post when the page was rendered. */
  reactions: ReactionTotals;
  /** Poll counts by poll when the page was rendered, and when that was (ms). */
  polls: PollResults;
  renderedAt: number;
  /** A post whose poll this reader just voted in without JavaScript: its results are shown. */
  revealPollOf?: string;
  /** On a permalink: its post, marked and scrolled to. */
  highlightId?: string;
  /** On a permalink whose post is older than the feed's first page: shown above the feed. */
  linked?: React.ReactNode;
};

/**
 * The reader's event page below the site header: the event's header, the key events and the
 * live feed, all following the one live connection the feed holds.
 */
export function EventLive({
  slug,
  posts,
  pinned,
  nextCursor,
  seq,
  highlightId,
  linked,
  reactions,
  polls,
  renderedAt,
  revealPollOf,
  ...initial
}: Props) {
  const [event, setEvent] = useState(initial.event);
  const [keyEvents, setKeyEvents] = useState(initial.keyEvents);
  // Links to posts in the server's page jump in place even without JavaScript.
  const [loaded] = useState(() => new Set([...posts, ...(pinned ? [pinned] : [])].map((p) => p.id)));
  const follow = (change: ChangeMessage) => {
    setEvent((current) => applyEventChange(current, change));
    setKeyEvents((current) => applyKeyEventChange(current, change));
  };
  const timeline = { slug, keyEvents, timeZone: event.timeZone, loaded };
  return (
    <ReactionsProvider slug={slug} initial={reactions} frozen={initial.event.status === "ENDED"}>
      <PollsProvider
        slug={slug}
        initial={polls}
        renderedAt={renderedAt}
        frozen={initial.event.status === "ENDED"}
        revealPostId={revealPollOf}
      >
        <div className="mx-auto max-w-5xl px-4 lg:grid lg:grid-cols-[minmax(0,1fr)_15rem] lg:gap-14">
          <main id="main" className="min-w-0 pb-20">
            <EventHeader event={event} />
            <KeyPoints html={event.summaryHtml} updatedAt={event.summaryUpdatedAt} timeZone={event.timeZone} />
            <KeyEvents variant="collapsible" {...timeline} />
            {event.questionsOpen && event.status !== "ENDED" && <AskQuestion slug={slug} />}
            {linked}
            <LiveFeed
              slug={slug}
              initialPosts={posts}
              pinned={pinned}
              nextCursor={nextCursor}
              initialSeq={seq}
              ended={initial.event.status === "ENDED"}
              order={event.order}
              timeZone={event.timeZone}
              highlightId={highlightId}
              onChange={follow}
            />
          </main>
          <div className="hidden lg:block">
            <KeyEvents variant="sidebar" {...timeline} />
          </div>
        </div>
      </PollsProvider>
    </ReactionsProvider>
  );
}
