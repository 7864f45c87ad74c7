import "server-only";
import { NotFoundError } from "@/lib/errors";
import { sql } from "@/lib/sql";

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
  const [event] = await sql<{ id: string; status: string }>`
    SELECT "id", "status" FROM "Event" WHERE "slug" = ${slug}`;
  if (!event || event.status === "DRAFT") throw new NotFoundError("No such event.");
  const [poll] = await sql<{ id: string; postStatus: string; closed: boolean; optionIds: string[] }>`
    SELECT o."id", p."status" AS "postStatus",
      (o."closedAt" IS NOT NULL OR (o."closesAt" IS NOT NULL AND o."closesAt" <= now())) AS "closed",
      ARRAY(SELECT x."id" FROM "PollOption" x WHERE x."pollId" = o."id" ORDER BY x."position") AS "optionIds"
    FROM "Poll" o JOIN "Post" p ON p."id" = o."postId"
    WHERE o."postId" = ${postId} AND p."eventId" = ${event.id}`;
  if (!poll || poll.postStatus !== "PUBLISHED") throw new NotFoundError("This update has no poll.");
  const ended = event.status === "ENDED";
  return { eventId: event.id, pollId: poll.id, optionIds: poll.optionIds, closed: poll.closed || ended, ended };
}
