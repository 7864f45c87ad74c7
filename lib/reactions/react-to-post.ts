import "server-only";
import { waitInWords } from "@/lib/shared/sign-in-error";
import { env } from "@/lib/env";
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from "@/lib/errors";
import { LocalRateLimit } from "@/lib/security/local-rate-limit";
import type { RateLimitRule } from "@/lib/security/rate-limit";
import { isReactionKind, reactionKinds, type ReactionCounts } from "@/lib/shared/reactions";
import { newReaderToken, verifyReaderToken } from "@/lib/tally/reader-token";
import { cachedReactionTarget, reactionsEndedMessage } from "./find-reaction-target";
import { reactionBatcher } from "./reaction-batcher";

// Five reactions on each of a few dozen posts a minute is an eager reader; more is a script.
// Per event and address, so one busy event does not lock a newsroom's readers out of another.
// Counted in each process's memory: a storm costs the database no write per reaction for
// its limit (each process counts alone; docs/reactions.md).
export const reactionsPerAddress = (): RateLimitRule => ({
  name: "reaction:ip",
  limit: env().HERALD_REACTIONS_PER_ADDRESS,
  windowSeconds: 60,
});
const perAddress = new LocalRateLimit(reactionsPerAddress);

export type ReactInput = {
  slug: string;
  postId: string;
  kind: unknown;
  /** The token the reader holds for an event (its cookie, or the body's), if any. */
  readerToken: (eventId: string) => string | null;
  address: string;
};
export type Reacted = {
  created: boolean;
  counts: ReactionCounts;
  /** Set when the reader had no valid token: the new one, for the cookie. */
  issuedToken?: string;
  eventId: string;
};

/**
 * A reader (no account) reacts to a published post. Counted at most once per reader, post
 * and kind, whatever is replayed; answered after the reaction is durable. Refused with a
 * 4xx that says why: a kind not in the set (422), an unknown event or post (404), an ended
 * event (409), too many reactions from one address (429).
 */
export async function reactToPost(input: ReactInput): Promise<Reacted> {
  if (!isReactionKind(input.kind)) {
    throw new ValidationError("That is not a reaction.", { kind: [`One of: ${reactionKinds.join(", ")}.`] });
  }
  const { eventId } = await cachedReactionTarget(input.slug, input.postId);
  const limited = perAddress.hit(`${eventId}:${input.address}`);
  if (!limited.allowed) {
    const wait = waitInWords(limited.retryAfterSeconds);
    throw new TooManyRequestsError(`You have reacted a lot just now. Try again in ${wait}.`, limited.retryAfterSeconds);
  }
  let readerId = verifyReaderToken(input.readerToken(eventId), eventId);
  let issuedToken: string | undefined;
  if (!readerId) ({ readerId, token: issuedToken } = newReaderToken(eventId));
  const { created, refused, counts } = await reactionBatcher().add({
    eventId,
    postId: input.postId,
    readerId,
    kind: input.kind,
  });
  if (refused === "ended") throw new ConflictError(reactionsEndedMessage);
  if (refused) throw new NotFoundError("No such update.");
  return { created, counts, issuedToken, eventId };
}
