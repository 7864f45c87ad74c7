import "server-only";
import { sqlPool } from "@/lib/sql";
import type { ReactionCounts, ReactionKind } from "@/lib/shared/reactions";
import { tallyChannel } from "@/lib/tally/channel";
import { countsByPost } from "./reaction-totals";

export type ReactionWrite = { eventId: string; postId: string; readerId: string; kind: ReactionKind };
/**
 * `created` is false when the reader had already given that reaction (a replay, a double
 * click). `refused`: the post is no longer published ("gone") or its event has ended, and
 * nothing was counted.
 */
export type ReactionWritten = { created: boolean; refused?: "gone" | "ended"; counts: ReactionCounts };

const keyOf = (row: { postId: string; readerId: string; kind: string }) =>
  `${row.postId}\n${row.readerId}\n${row.kind}`;

/**
 * Writes a batch of reactions in one transaction: ONE multi-row insert (arrays unnested) of
 * the reactions to published posts of events that have not ended — this check, not the
 * reaction's earlier look-up (reused for a second, lib/tally/target-cache.ts), decides
 * whether a reaction counts, and a post deleted meanwhile refuses its own reactions without
 * failing the batch — where the primary key (post, reader, kind) makes a replay insert
 * nothing; the touched posts' counts, read after it; and a notification per event that
 * gained a row, which Postgres delivers only on commit. The batcher
 * (lib/reactions/reaction-batcher.ts) calls it.
 */
export async function writeReactions(items: ReactionWrite[]): Promise<ReactionWritten[]> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const inserted = await client.query<{ postId: string; readerId: string; kind: string; eventId: string }>(
      `INSERT INTO "Reaction" ("postId", "readerId", "kind", "eventId")
       SELECT u."postId", u."readerId", u."kind", u."eventId"
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS u("postId", "readerId", "kind", "eventId")
       JOIN "Post" p ON p."id" = u."postId" AND p."eventId" = u."eventId" AND p."status" = 'PUBLISHED'
       JOIN "Event" e ON e."id" = u."eventId" AND e."status" <> 'ENDED'
       ON CONFLICT DO NOTHING
       RETURNING "postId", "readerId", "kind", "eventId"`,
      [items.map((i) => i.postId), items.map((i) => i.readerId), items.map((i) => i.kind), items.map((i) => i.eventId)],
    );
    // Only when something was not inserted: which of those were there already (replays).
    const present = new Set<string>();
    const refusedPosts = new Map<string, "gone" | "ended">();
    if (inserted.rows.length < items.length) {
      const existing = await client.query<{ postId: string; readerId: string; kind: string }>(
        `SELECT r."postId", r."readerId", r."kind" FROM "Reaction" r
         JOIN unnest($1::text[], $2::text[], $3::text[]) AS k("postId", "readerId", "kind")
           ON r."postId" = k."postId" AND r."readerId" = k."readerId" AND r."kind" = k."kind"`,
        [items.map((i) => i.postId), items.map((i) => i.readerId), items.map((i) => i.kind)],
      );
      for (const row of existing.rows) present.add(keyOf(row));
      const others = [...new Set(items.filter((i) => !present.has(keyOf(i))).map((i) => i.postId))];
      const ended = await client.query<{ id: string }>(
        `SELECT p."id" FROM "Post" p JOIN "Event" e ON e."id" = p."eventId"
         WHERE p."id" = ANY($1::text[]) AND p."status" = 'PUBLISHED' AND e."status" = 'ENDED'`,
        [others],
      );
      for (const postId of others) refusedPosts.set(postId, "gone");
      for (const row of ended.rows) refusedPosts.set(row.id, "ended");
    }
    const postIds = [...new Set(items.map((i) => i.postId))];
    const counts = await countsByPost(postIds, client);
    const events = [...new Set(inserted.rows.map((row) => row.eventId))];
    if (events.length > 0) {
      await client.query(`SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e`, [tallyChannel, events]);
    }
    await client.query("COMMIT");
    // Each inserted key belongs to the first item that asked for it; a duplicate in the same
    // batch, like a replay, created nothing.
    const fresh = new Set(inserted.rows.map(keyOf));
    return items.map((item) => {
      const key = keyOf(item);
      if (fresh.delete(key)) return { created: true, counts: counts[item.postId] ?? {} };
      if (present.has(key)) return { created: false, counts: counts[item.postId] ?? {} };
      return { created: false, refused: refusedPosts.get(item.postId) ?? "gone", counts: {} };
    });
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
