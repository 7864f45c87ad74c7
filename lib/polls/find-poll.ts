import "server-only";
import { NotFoundError } from "@/lib/errors";
import { sql } from "@/lib/sql";
import { targetCache } from "@/lib/tally/target-cache";

export type PollTarget = {
  eventId: string;
  pollId: string;
  optionIds: string[];
  /** Closed by an editor, past its closing time, or its event has ended. */
  closed: boolean;
  ended: boolean;
};

/**
 * The poll of a published post in a public event, with what decides whether it takes
 * votes: 404 unless all of that holds. Closed is read from the database's clock, the
 * same clock the vote's write checks again.
 */
export async function findPoll(slug: string, postId: string): Promise<PollTarget> {
  if (!/^[a-z0-9]{1,40}$/.test(postId)) throw new NotFoundError("No such update.");
  // One query, as a reaction's target is: the event, and the post's poll if it has one.
  const [row] = await sql<{
    eventId: string;
    status: string;
    pollId: string | null;
    postStatus: string | null;
    closed: boolean | null;
    optionIds: string[] | null;
  }>`
    SELECT e."id" AS "eventId", e."status", o."id" AS "pollId", p."status" AS "postStatus",
      (o."closedAt" IS NOT NULL OR (o."closesAt" IS NOT NULL AND o."closesAt" <= now())) AS "closed",
      ARRAY(SELECT x."id" FROM "PollOption" x WHERE x."pollId" = o."id" ORDER BY x."position") AS "optionIds"
    FROM "Event" e
    LEFT JOIN "Post" p ON p."id" = ${postId} AND p."eventId" = e."id"
    LEFT JOIN "Poll" o ON o."postId" = p."id"
    WHERE e."slug" = ${slug}`;
  if (!row || row.status === "DRAFT") throw new NotFoundError("No such event.");
  if (!row.pollId || row.postStatus !== "PUBLISHED") throw new NotFoundError("This update has no poll.");
  const event = { id: row.eventId, status: row.status };
  const poll = { id: row.pollId, closed: row.closed === true, optionIds: row.optionIds ?? [] };
  const ended = event.status === "ENDED";
  return { eventId: event.id, pollId: poll.id, optionIds: poll.optionIds, closed: poll.closed || ended, ended };
}

/** findPoll, reused for a second in this process (lib/tally/target-cache.ts): what a vote asks. */
export const cachedPollTarget = targetCache(findPoll);
