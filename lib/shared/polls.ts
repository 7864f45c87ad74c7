import { z } from "./zod";

// Polls in posts (docs/polls.md): the shapes the page, the stream, the API and the tests share.

export const pollLimits = { question: 200, option: 80, minOptions: 2, maxOptions: 6 } as const;

/** A post's poll as readers receive it with the post (its results travel apart). */
export type PollView = {
  id: string;
  question: string;
  options: { id: string; label: string }[];
  /** When it closes by itself (ISO 8601), or null. */
  closesAt: string | null;
  /** When an editor closed it (ISO 8601), or null. */
  closedAt: string | null;
};

/** Votes by option id; options nobody chose are left out. */
export type PollCounts = Record<string, number>;

/** Counts by poll id: the `polls` stream event, the page's first render, the API's answer. */
export type PollResults = Record<string, PollCounts>;

/** The SSE event that carries poll results (no `id:`: not part of the change log). */
export const pollsEventName = "polls";

/** Closed by an editor, or past its closing time (at `now`). */
export function isPollClosed(poll: Pick<PollView, "closesAt" | "closedAt">, now = Date.now()): boolean {
  return poll.closedAt !== null || (poll.closesAt !== null && Date.parse(poll.closesAt) <= now);
}

/** Whole percentages of `total`; 0 when nobody voted. */
export function percentOf(count: number, total: number): number {
  return total > 0 ? Math.round((count / total) * 100) : 0;
}

const noNul = (s: string) => !s.includes("\u0000");

/**
 * A poll as an editor writes it (the composer and API v1): a question, 2-6 distinct
 * options, and perhaps a closing time in the future (an ISO instant; the composer turns
 * its event-zone wall time into one first). `now` is injectable for tests.
 */
export const pollInputSchema = (now = () => Date.now()) =>
  z.object({
    question: z
      .string({ error: "The poll's question must be text." })
      .trim()
      .min(1, "Ask the poll's question.")
      .max(pollLimits.question, `A poll's question can be at most ${pollLimits.question} characters.`)
      .refine(noNul, "Remove the invisible NUL character."),
    options: z
      .array(
        z
          .string({ error: "Each option must be text." })
          .trim()
          .min(1, "An option cannot be empty.")
          .max(pollLimits.option, `An option can be at most ${pollLimits.option} characters.`)
          .refine(noNul, "Remove the invisible NUL character."),
        { error: "`options` must be a list of texts." },
      )
      .min(pollLimits.minOptions, `Give the poll at least ${pollLimits.minOptions} options.`)
      .max(pollLimits.maxOptions, `A poll can have at most ${pollLimits.maxOptions} options.`)
      .refine(
        (options) => new Set(options.map((o) => o.toLocaleLowerCase())).size === options.length,
        "Each option must be different.",
      ),
    closesAt: z
      .string({ error: "`closesAt` must be a date and time." })
      .nullish()
      .transform((value, context) => {
        if (!value) return null;
        const at = Date.parse(value);
        if (Number.isNaN(at)) {
          context.addIssue({ code: "custom", message: "The closing time is not a date and time." });
          return z.NEVER;
        }
        if (at <= now()) {
          context.addIssue({ code: "custom", message: "The closing time must be in the future." });
          return z.NEVER;
        }
        return new Date(at);
      }),
  });

export type PollInput = z.input<ReturnType<typeof pollInputSchema>>;
