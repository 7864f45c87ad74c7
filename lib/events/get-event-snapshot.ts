import "server-only";
import { db } from "@/lib/db";
import { postPageSize, publishedPostsQuery, toPostPage } from "@/lib/posts/post-page";
import { postViewSelect, toPostView } from "@/lib/posts/post-view";
import type { KeyEventView, PostView } from "@/lib/shared/types";
import { eventSummarySelect, findEventBySlug, type EventSummary } from "./find-event";

export type EventSnapshot = {
  event: EventSummary;
  /** The latest published posts, newest first (the pinned one among them if it is recent). */
  posts: PostView[];
  /** Where "load older" starts, or null when `posts` reach the first post. */
  nextCursor: string | null;
  /** The pinned post, however old. */
  pinned: PostView | null;
  /** Every key event, oldest first: the timeline. */
  keyEvents: KeyEventView[];
  seq: number;
  /** When it was read (ms since the epoch): polls' closing times are compared with it. */
  renderedAt: number;
};

/** Enough for any real timeline; a page that long is not a timeline any more. */
const maxKeyEvents = 200;

/**
 * The event page's content and the change sequence it reflects, read in one
 * REPEATABLE READ transaction so the two agree: the reader's stream resumes from `seq`,
 * so nothing published between render and connect is lost or shown twice.
 * The one place the reader's pages read their data, so a cache can wrap it.
 */
export async function getEventSnapshot(
  slug: string,
  { pageSize = postPageSize }: { pageSize?: number } = {},
): Promise<EventSnapshot | null> {
  const found = await findEventBySlug(slug);
  if (!found) return null;
  return db.$transaction(
    async (tx) => {
      const event = await tx.event.findUniqueOrThrow({ where: { id: found.id }, select: eventSummarySelect });
      const published = { eventId: event.id, status: "PUBLISHED" } as const;
      const rows = await tx.post.findMany(publishedPostsQuery(event.id, pageSize));
      const pinned = await tx.post.findFirst({ where: { ...published, pinned: true }, select: postViewSelect });
      const keys = await tx.post.findMany({
        where: { ...published, keyLabel: { not: null } },
        orderBy: [{ publishedAt: "asc" }, { id: "asc" }],
        take: maxKeyEvents,
        select: { id: true, keyLabel: true, publishedAt: true, createdAt: true },
      });
      return {
        event,
        ...toPostPage(rows, pageSize),
        pinned: pinned ? toPostView(pinned) : null,
        keyEvents: keys.map((k) => ({
          id: k.id,
          label: k.keyLabel ?? "",
          publishedAt: (k.publishedAt ?? k.createdAt).toISOString(),
        })),
        seq: event.lastSeq,
        renderedAt: Date.now(),
      };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
