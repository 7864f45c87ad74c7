import "server-only";
import type pg from "pg";
import { sqlPool } from "@/lib/sql";
import { isReactionKind, type ReactionTotals } from "@/lib/shared/reactions";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

function toTotals(rows: { postId: string; kind: string; n: number }[]): ReactionTotals {
  const totals: ReactionTotals = {};
  for (const { postId, kind, n } of rows) {
    if (!isReactionKind(kind)) continue;
    (totals[postId] ??= {})[kind] = n;
  }
  return totals;
}

/** Counts of the given posts (posts without reactions are left out). One GROUP BY. */
export async function countsByPost(postIds: string[], on: Queryable = sqlPool()): Promise<ReactionTotals> {
  if (postIds.length === 0) return {};
  const { rows } = await on.query<{ postId: string; kind: string; n: number }>(
    `SELECT "postId", "kind", count(*)::int AS n FROM "Reaction"
     WHERE "postId" = ANY($1::text[]) GROUP BY "postId", "kind"`,
    [postIds],
  );
  return toTotals(rows);
}

/**
 * Every count of an event, by post: one GROUP BY over the (eventId, postId, kind) index.
 * Only published posts: a deleted post's reactions are kept (a restore brings them back)
 * but never shown.
 */
export async function eventReactionTotals(eventId: string, on: Queryable = sqlPool()): Promise<ReactionTotals> {
  const { rows } = await on.query<{ postId: string; kind: string; n: number }>(
    `SELECT r."postId", r."kind", count(*)::int AS n FROM "Reaction" r
     JOIN "Post" p ON p."id" = r."postId" AND p."status" = 'PUBLISHED'
     WHERE r."eventId" = $1 GROUP BY r."postId", r."kind"`,
    [eventId],
  );
  return toTotals(rows);
}
