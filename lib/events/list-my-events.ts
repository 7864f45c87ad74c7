import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";

export type MyEvent = { slug: string; title: string; status: string; role: string; postCount: number };

export async function listMyEvents(actor: Actor): Promise<MyEvent[]> {
  const memberships = await db.membership.findMany({
    where: { userId: actor.id },
    orderBy: { event: { createdAt: "desc" } },
    select: {
      role: true,
      event: {
        select: {
          slug: true,
          title: true,
          status: true,
          _count: { select: { posts: { where: { status: "PUBLISHED" } } } },
        },
      },
    },
  });
  return memberships.map(({ role, event }) => ({
    slug: event.slug,
    title: event.title,
    status: event.status,
    role,
    postCount: event._count.posts,
  }));
}
