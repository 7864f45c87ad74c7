import "server-only";
import { sqlPool } from "@/lib/sql";
import type { PollCounts } from "@/lib/shared/polls";
import { tallyChannel, tallyPayload } from "@/lib/tally/channel";
import { countsByPoll } from "./poll-results";

export type VoteWrite = { eventId: string; pollId: string; optionId: string; readerId: string };
/**
 * `created` is false when the reader had already voted (a replay, a second tab): `choice`
 * is then the option they chose first. `closed`: the poll closed before this vote was
 * written, and it counted nothing.
 */
export type VoteWritten = { created: boolean; closed: boolean; choice: string | null; counts: PollCounts };

const keyOf = (item: { pollId: string; readerId: string }) => `${item.pollId}\n${item.readerId}`;

/**
 * Writes a batch of votes in one transaction. The open polls' rows are locked FOR SHARE
 * first: closing a poll (an UPDATE) waits for a batch in flight and a batch after it sees
 * the poll closed, so nothing is counted after a close commits. Open also means a
 * published post in an event that has not ended: this check, not the vote's earlier
 * look-up (reused for a second, lib/tally/target-cache.ts), decides whether a vote counts.
 * Then ONE multi-row insert, where the primary key (poll, reader) makes a second vote
 * insert nothing; the touched polls' counts; and one notification per event that gained a
 * vote (sent on commit).
 */
export async function writeVotes(items: VoteWrite[]): Promise<VoteWritten[]> {
  const client = await sqlPool().connect();
  try {
    await client.query("BEGIN");
    const pollIds = [...new Set(items.map((i) => i.pollId))];
    const open = await client.query<{ id: string }>(
      `SELECT o."id" FROM "Poll" o
       JOIN "Post" p ON p."id" = o."postId" AND p."status" = 'PUBLISHED'
       JOIN "Event" e ON e."id" = o."eventId" AND e."status" <> 'ENDED'
       WHERE o."id" = ANY($1::text[])
       AND o."closedAt" IS NULL AND (o."closesAt" IS NULL OR o."closesAt" > clock_timestamp())
       ORDER BY o."id" FOR SHARE OF o`,
      [pollIds],
    );
    const openIds = new Set(open.rows.map((row) => row.id));
    const writable = items.filter((i) => openIds.has(i.pollId));
    const inserted = await client.query<{ pollId: string; readerId: string; eventId: string }>(
      `INSERT INTO "PollVote" ("pollId", "readerId", "optionId", "eventId")
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
       ON CONFLICT DO NOTHING
       RETURNING "pollId", "readerId", "eventId"`,
      [
        writable.map((i) => i.pollId),
        writable.map((i) => i.readerId),
        writable.map((i) => i.optionId),
        writable.map((i) => i.eventId),
      ],
    );
    const choices = await client.query<{ pollId: string; readerId: string; optionId: string }>(
      `SELECT v."pollId", v."readerId", v."optionId" FROM "PollVote" v
       JOIN unnest($1::text[], $2::text[]) AS k("pollId", "readerId")
         ON v."pollId" = k."pollId" AND v."readerId" = k."readerId"`,
      [items.map((i) => i.pollId), items.map((i) => i.readerId)],
    );
    const counts = await countsByPoll(pollIds, client);
    const events = [...new Set(inserted.rows.map((row) => tallyPayload("polls", row.eventId)))];
    if (events.length > 0) {
      await client.query(`SELECT pg_notify($1, e) FROM unnest($2::text[]) AS e`, [tallyChannel, events]);
    }
    await client.query("COMMIT");
    const chosen = new Map(choices.rows.map((row) => [keyOf(row), row.optionId]));
    // Each inserted key belongs to the first item that asked for it; a duplicate in the same
    // batch, like a replay, created nothing.
    const fresh = new Set(inserted.rows.map(keyOf));
    return items.map((item) => {
      const created = fresh.delete(keyOf(item));
      const choice = chosen.get(keyOf(item)) ?? null;
      return { created, closed: !created && choice === null, choice, counts: counts[item.pollId] ?? {} };
    });
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
