import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { currentReadersMany } from "@/lib/realtime/reader-counts";

export type MyEvent = {
  slug: string;
  title: string;
  status: string;
  role: string;
  postCount: number;
  /** Readers on the event's live page now, across every server process. */
  readers: number;
};

export async function listMyEvents(actor: Actor): Promise<MyEvent[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id },
    orderBy: { event: { createdAt: "desc" } },
    select: {
      role: true,
      event: {
        select: {
          id: true,
          slug: true,
          title: true,
          status: true,
          _count: { select: { posts: { where: { status: "PUBLISHED" } } } },
        },
      },
    },
  });
  const readers = await currentReadersMany(memberships.map(({ event }) => event.id));
  return memberships.map(({ role, event }) => ({
    slug: event.slug,
    title: event.title,
    status: event.status,
    role,
    postCount: event._count.posts,
    readers: readers.get(event.id) ?? 0,
  }));
}
