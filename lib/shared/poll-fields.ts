import { pollLimits, type PollInput } from "./polls";

// The composer's poll fields (components/poll-fields.tsx), read by its action: one input
// per option, so the form works without JavaScript.

export const pollOptionNames = [
  "pollOption1",
  "pollOption2",
  "pollOption3",
  "pollOption4",
  "pollOption5",
  "pollOption6",
] as const satisfies readonly string[] & { length: typeof pollLimits.maxOptions };

export const pollFieldNames = ["pollQuestion", ...pollOptionNames, "pollClosesAt"] as const;

export type PollFields = Record<(typeof pollFieldNames)[number], string>;

/**
 * The poll the fields describe, or null when every field is empty. Empty option inputs
 * are the unused ones; `closesAt` is the instant `toInstant` makes of the event-zone
 * wall time typed (validation happens in the domain, with its messages).
 */
export function pollFromFields(fields: Partial<PollFields>, toInstant: (local: string) => string): PollInput | null {
  const question = fields.pollQuestion?.trim() ?? "";
  const options = pollOptionNames.map((name) => fields[name]?.trim() ?? "").filter(Boolean);
  const closesAt = fields.pollClosesAt?.trim() ?? "";
  if (!question && options.length === 0 && !closesAt) return null;
  return { question, options, closesAt: closesAt ? toInstant(closesAt) : null };
}
