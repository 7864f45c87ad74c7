import "server-only";
import { env } from "@/lib/env";
import { ConflictError, TooManyRequestsError, ValidationError } from "@/lib/errors";
import { LocalRateLimit } from "@/lib/security/local-rate-limit";
import type { RateLimitRule } from "@/lib/security/rate-limit";
import { waitInWords } from "@/lib/shared/sign-in-error";
import type { PollCounts } from "@/lib/shared/polls";
import { newReaderToken, verifyReaderToken } from "@/lib/tally/reader-token";
import { cachedPollTarget } from "./find-poll";
import { voteBatcher } from "./vote-batcher";

// A reader votes once per poll, so many votes from one address are many readers: a
// newsroom, a NAT, or a script minting readers. Per event and address, counted in each
// process's memory like reactions' (docs/reactions.md): a storm costs no write for its limit.
export const votesPerAddress = (): RateLimitRule => ({
  name: "vote:ip",
  limit: env().HERALD_VOTES_PER_ADDRESS,
  windowSeconds: 60,
});
const perAddress = new LocalRateLimit(votesPerAddress);

export type VoteInput = {
  slug: string;
  postId: string;
  optionId: unknown;
  /** The token the reader holds for an event (its cookie, or the body's), if any. */
  readerToken: (eventId: string) => string | null;
  address: string;
};
export type Voted = {
  /** False when this reader had already voted: nothing was counted. */
  created: boolean;
  /** The option this reader's vote is for (the first one, for a second vote). */
  choice: string;
  counts: PollCounts;
  pollId: string;
  eventId: string;
  /** Set when the reader had no valid token: the new one, for the cookie. */
  issuedToken?: string;
};

const closedMessage = "This poll is closed: it takes no more votes.";

/**
 * A reader (no account) votes in a post's poll. Counted at most once per reader and poll,
 * whatever is replayed or sent through another process; answered after the vote is durable.
 * Refused with a 4xx that says why: no such option (422), no such event, update or poll
 * (404), a closed poll or ended event (409), too many votes from one address (429).
 */
export async function vote(input: VoteInput): Promise<Voted> {
  if (typeof input.optionId !== "string" || input.optionId === "") {
    throw new ValidationError("Choose an option.", { option: ["Choose one of the poll's options."] });
  }
  const poll = await cachedPollTarget(input.slug, input.postId);
  if (!poll.optionIds.includes(input.optionId)) {
    throw new ValidationError("That is not one of this poll's options.", {
      option: ["Choose one of the poll's options."],
    });
  }
  if (poll.ended) throw new ConflictError("This coverage has ended: its polls are closed.");
  if (poll.closed) throw new ConflictError(closedMessage);
  const limited = perAddress.hit(`${poll.eventId}:${input.address}`);
  if (!limited.allowed) {
    const wait = waitInWords(limited.retryAfterSeconds);
    throw new TooManyRequestsError(
      `Many votes came from your address just now. Try again in ${wait}.`,
      limited.retryAfterSeconds,
    );
  }
  let readerId = verifyReaderToken(input.readerToken(poll.eventId), poll.eventId);
  let issuedToken: string | undefined;
  if (!readerId) ({ readerId, token: issuedToken } = newReaderToken(poll.eventId));
  const written = await voteBatcher().add({
    eventId: poll.eventId,
    pollId: poll.pollId,
    optionId: input.optionId,
    readerId,
  });
  if (written.closed || written.choice === null) throw new ConflictError(closedMessage);
  return {
    created: written.created,
    choice: written.choice,
    counts: written.counts,
    pollId: poll.pollId,
    eventId: poll.eventId,
    issuedToken,
  };
}
