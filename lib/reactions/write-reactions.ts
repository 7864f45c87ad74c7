import "server-only";
import { sqlPool } from "@/lib/sql";
import type { ReactionCounts, ReactionKind } from "@/lib/shared/reactions";
import { tallyChannel } from "@/lib/tally/channel";
import { countsByPost } from "./reaction-totals";

export type ReactionWrite = { eventId: string; postId: string; readerId: string; kind: ReactionKind };
/** `created` is false when the reader had already given that reaction (a replay, a double click). */
export type ReactionWritten = { created: boolean; counts: ReactionCounts };

/**
 * Writes a batch of reactions in one transaction: ONE multi-row insert (arrays unnested),
 * where the primary key (post, reader, kind) makes a replay insert nothing; the touched
 * posts' counts, read after it; and a notification per event that gained a row, which
 * Postgres delivers only on commit. The batcher (lib/reactions/reaction-batcher.ts) calls it.
 */
export async function writeReactions(items: ReactionWrite[]): Promise<ReactionWritten[]> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const inserted = await client.query<{ postId: string; readerId: string; kind: string; eventId: string }>(
      `INSERT INTO "Reaction" ("postId", "readerId", "kind", "eventId")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT DO NOTHING
       RETURNING "postId", "readerId", "kind", "eventId"`,
      [items.map((i) => i.postId), items.map((i) => i.readerId), items.map((i) => i.kind), items.map((i) => i.eventId)],
    );
    const postIds = [...new Set(items.map((i) => i.postId))];
    const counts = await countsByPost(postIds, client);
    const events = [...new Set(inserted.rows.map((row) => row.eventId))];
    if (events.length > 0) {
      await client.query(`SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e`, [tallyChannel, events]);
    }
    await client.query("COMMIT");
    // Each inserted key belongs to the first item that asked for it; a duplicate in the same
    // batch, like a replay, created nothing.
    const fresh = new Set(inserted.rows.map((row) => `${row.postId}\n${row.readerId}\n${row.kind}`));
    return items.map((item) => {
      const key = `${item.postId}\n${item.readerId}\n${item.kind}`;
      const created = fresh.delete(key);
      return { created, counts: counts[item.postId] ?? {} };
    });
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
