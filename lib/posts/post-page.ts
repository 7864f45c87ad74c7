import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { encodePostCursor, type PostCursor } from "@/lib/shared/post-cursor";
import type { PostView } from "@/lib/shared/types";
import { postViewSelect, toPostView } from "./post-view";

/** A page of an event's published posts, newest first, and where the next (older) page starts. */
export type PostPage = { posts: PostView[]; nextCursor: string | null };

/** Page sizes readers may ask for. The event page renders `postPageSize` posts first. */
export const postPageSize = 20;
export const maxPostPageSize = 50;

/** Published posts of an event, newest first, strictly older than `before` when given. */
export function publishedPostsQuery(eventId: string, limit: number, before?: PostCursor) {
  const where: Prisma.PostWhereInput = { eventId, status: "PUBLISHED" };
  if (before)
    where.OR = [
      { publishedAt: { lt: before.publishedAt } },
      { publishedAt: before.publishedAt, id: { lt: before.id } },
    ];
  return {
    where,
    orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
    // One more than asked for: whether it exists says whether there is a next page.
    take: limit + 1,
    select: postViewSelect,
  } satisfies Prisma.PostFindManyArgs;
}

export function toPostPage(rows: Parameters<typeof toPostView>[0][], limit: number): PostPage {
  const posts = rows.slice(0, limit).map(toPostView);
  const last = posts.at(-1);
  return { posts, nextCursor: rows.length > limit && last ? encodePostCursor(last) : null };
}
