import "server-only";

type ValidPoll = { question: string; options: string[]; closesAt: Date | null };

/**
 * The nested create of a post's poll, from input already validated (pollInputSchema):
 * written in the same transaction as the post, so a post never appears without its poll.
 */
export function pollCreate(eventId: string, poll: ValidPoll) {
  return {
    eventId,
    question: poll.question,
    closesAt: poll.closesAt,
    options: { create: poll.options.map((label, position) => ({ label, position })) },
  };
}
