import "server-only";
import type pg from "pg";
import { sqlPool } from "@/lib/sql";
import type { PollResults } from "@/lib/shared/polls";

type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

function toResults(rows: { pollId: string; optionId: string; n: number }[]): PollResults {
  const results: PollResults = {};
  for (const { pollId, optionId, n } of rows) (results[pollId] ??= {})[optionId] = n;
  return results;
}

/** Counts of the given polls (polls without votes are left out). One GROUP BY: the count is the rows. */
export async function countsByPoll(pollIds: string[], on: Queryable = sqlPool()): Promise<PollResults> {
  if (pollIds.length === 0) return {};
  const { rows } = await on.query<{ pollId: string; optionId: string; n: number }>(
    `SELECT "pollId", "optionId", count(*)::int AS n FROM "PollVote"
     WHERE "pollId" = ANY($1::text[]) GROUP BY "pollId", "optionId"`,
    [pollIds],
  );
  return toResults(rows);
}

/** Every poll result of an event, by poll: published posts' polls only. One GROUP BY. */
export async function eventPollResults(eventId: string, on: Queryable = sqlPool()): Promise<PollResults> {
  const { rows } = await on.query<{ pollId: string; optionId: string; n: number }>(
    `SELECT v."pollId", v."optionId", count(*)::int AS n FROM "PollVote" v
     JOIN "Poll" o ON o."id" = v."pollId"
     JOIN "Post" p ON p."id" = o."postId" AND p."status" = 'PUBLISHED'
     WHERE v."eventId" = $1 GROUP BY v."pollId", v."optionId"`,
    [eventId],
  );
  return toResults(rows);
}
