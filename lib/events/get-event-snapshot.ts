import "server-only";
import { db } from "@/lib/db";
import { postViewSelect, toPostView } from "@/lib/posts/post-view";
import type { PostView } from "@/lib/shared/types";
import { eventSummarySelect, findEventBySlug, type EventSummary } from "./find-event";

export type EventSnapshot = { event: EventSummary; posts: PostView[]; seq: number };

const pageSize = 50;

/**
 * The event page's content and the change sequence it reflects, read in one
 * REPEATABLE READ transaction so the two agree: the reader's stream resumes from `seq`,
 * so nothing published between render and connect is lost or shown twice.
 */
export async function getEventSnapshot(slug: string): Promise<EventSnapshot | null> {
  const found = await findEventBySlug(slug);
  if (!found) return null;
  return db.$transaction(
    async (tx) => {
      const event = await tx.event.findUniqueOrThrow({
        where: { id: found.id },
        select: eventSummarySelect,
      });
      const posts = await tx.post.findMany({
        where: { eventId: event.id, status: "PUBLISHED" },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: pageSize,
        select: postViewSelect,
      });
      return { event, posts: posts.map(toPostView), seq: event.lastSeq };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
