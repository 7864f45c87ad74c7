import "server-only";
import { sql } from "@/lib/sql";
import type { PollCounts } from "@/lib/shared/polls";
import { verifyReaderToken } from "@/lib/tally/reader-token";
import { findPoll } from "./find-poll";
import { countsByPoll } from "./poll-results";

export type ReaderPoll = { pollId: string; closed: boolean; choice: string | null; counts: PollCounts };

/**
 * A post's poll as one reader sees it: the counts, whether it is closed, and the option
 * their token voted for (null: they have not voted, or hold no valid token).
 */
export async function readerPoll(
  slug: string,
  postId: string,
  readerToken: (eventId: string) => string | null,
): Promise<ReaderPoll> {
  const poll = await findPoll(slug, postId);
  const readerId = verifyReaderToken(readerToken(poll.eventId), poll.eventId);
  const [mine] = readerId
    ? await sql<{ optionId: string }>`
        SELECT "optionId" FROM "PollVote" WHERE "pollId" = ${poll.pollId} AND "readerId" = ${readerId}`
    : [];
  const counts = (await countsByPoll([poll.pollId]))[poll.pollId] ?? {};
  return { pollId: poll.pollId, closed: poll.closed, choice: mine?.optionId ?? null, counts };
}
