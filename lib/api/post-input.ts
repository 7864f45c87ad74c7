import "server-only";
import { z } from "zod";
import { ValidationError } from "@/lib/errors";
import { fieldErrors, postKinds } from "@/lib/shared/validation";

// The JSON shapes the publishing API accepts. These check types only; the domain verbs
// apply the content rules (lengths, an empty body) with the same messages as the console.
// Unknown keys are refused, so a typo ("headine") is an error rather than silently dropped.
const body = z.string({ error: "`body` must be a string of Markdown." });
const headline = z
  .string({ error: "`headline` must be a string (or null for none)." })
  .nullable()
  .optional()
  .transform((value) => value ?? undefined);
const kind = z.enum(postKinds, { error: `\`kind\` must be one of: ${postKinds.join(", ")}.` }).optional();
const quoteBy = z
  .string({ error: "`quoteBy` must be a string: who is quoted (or null for none)." })
  .nullable()
  .optional()
  .transform((value) => value ?? undefined);
const version = z
  .number({ error: "`version` must be the post's current version, a whole number." })
  .int("`version` must be a whole number.")
  .positive("`version` must be at least 1.");

// A poll published with the post: its content rules (2-6 distinct options, a future
// closing time) are the domain's, with the console's messages.
const poll = z
  .strictObject(
    {
      question: z.string({ error: "`poll.question` must be a string." }),
      options: z.array(z.string({ error: "Each of `poll.options` must be a string." }), {
        error: "`poll.options` must be a list of strings.",
      }),
      closesAt: z.string({ error: "`poll.closesAt` must be an ISO 8601 date and time (or null)." }).nullish(),
    },
    { error: "`poll` must be an object: { question, options, closesAt? } (or null for none)." },
  )
  .nullish();

const object = {
  error: (issue: { code: string }) => (issue.code === "invalid_type" ? "Send a JSON object." : undefined),
};

const createPostInput = z.strictObject({ body, headline, kind, quoteBy, poll }, object);
const editPostInput = z.strictObject({ body, headline, version }, object);

export type CreatePostInput = z.output<typeof createPostInput>;
export type EditPostApiInput = z.output<typeof editPostInput>;

function parse<T>(schema: z.ZodType<T>, json: unknown, message: string): T {
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ValidationError(message, fieldErrors(parsed.error));
  return parsed.data;
}

export const parseCreatePost = (json: unknown) => parse(createPostInput, json, "The post was not published.");
export const parseEditPost = (json: unknown) => parse(editPostInput, json, "The post was not saved.");
