import "server-only";
import { db, type Prisma } from "@/lib/db";
import { postViewSelect, toPostView } from "@/lib/posts/post-view";
import type { PostView } from "@/lib/shared/types";
import { BadRequestError } from "@/lib/errors";
import type { PostKind } from "@/lib/generated/prisma/enums";
import type { PostKindName } from "@/lib/shared/validation";

/**
 * A post as the API returns it: what readers see, plus the version an edit must name, its
 * kind and (for a quote) who is quoted.
 */
export type ApiPost = PostView & { version: number; kind: PostKindName; quoteBy: string | null };

const apiPostSelect = { ...postViewSelect, version: true, kind: true, quoteBy: true } as const;

type Row = Parameters<typeof toPostView>[0] & { version: number; kind: PostKind; quoteBy: string | null };
const toApiPost = (row: Row): ApiPost => ({
  ...toPostView(row),
  version: row.version,
  kind: row.kind === "QUOTE" ? "quote" : "standard",
  quoteBy: row.quoteBy,
});

/** A published post of the event, or null (unknown, deleted, or another event's). */
export async function findApiPost(eventId: string, postId: string): Promise<ApiPost | null> {
  if (postId.length > 64) return null;
  const row = await db.post.findFirst({
    where: { id: postId, eventId, status: "PUBLISHED" },
    select: apiPostSelect,
  });
  return row ? toApiPost(row) : null;
}

export type ApiPostPage = { posts: ApiPost[]; seq: number; next: string | null };

/**
 * Published posts, newest first, `limit` at most, after the cursor post `before` (its id,
 * from `next` of the previous page). Read in one REPEATABLE READ transaction with the
 * event's latest change number, so `seq` is exactly the state the page shows.
 */
export async function listApiPosts(eventId: string, limit: number, before: string | null): Promise<ApiPostPage> {
  return db.$transaction(
    async (tx) => {
      let after: Prisma.PostWhereInput = {};
      if (before !== null) {
        // A deleted cursor post still marks a place in the order; another event's does not.
        const cursor =
          before.length > 64
            ? null
            : await tx.post.findFirst({ where: { id: before, eventId }, select: { id: true, publishedAt: true } });
        if (!cursor?.publishedAt) {
          throw new BadRequestError("`before` must be the id of a post of this event.", {
            before: ["Use the `next` value of the previous page."],
          });
        }
        after = {
          OR: [{ publishedAt: { lt: cursor.publishedAt } }, { publishedAt: cursor.publishedAt, id: { lt: cursor.id } }],
        };
      }
      const rows = await tx.post.findMany({
        where: { eventId, status: "PUBLISHED", ...after },
        orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
        take: limit + 1,
        select: apiPostSelect,
      });
      const { lastSeq } = await tx.event.findUniqueOrThrow({ where: { id: eventId }, select: { lastSeq: true } });
      const page = rows.slice(0, limit).map(toApiPost);
      return { posts: page, seq: lastSeq, next: rows.length > limit ? page.at(-1)!.id : null };
    },
    { isolationLevel: "RepeatableRead" },
  );
}
