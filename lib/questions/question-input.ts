import { z } from "zod";
import { limits } from "@/lib/shared/limits";

import { honeypotField } from "@/lib/shared/question-fields";

export { honeypotField };

/** Control characters (other than line breaks and tabs) and bidi overrides go; lines are trimmed. */
export function cleanReaderText(text: string): string {
  return text
    .normalize("NFC")
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export const questionInputSchema = z.object({
  body: z
    .string({ error: "Write your question." })
    .transform(cleanReaderText)
    .pipe(
      z
        .string()
        .min(3, "Write your question (at least 3 characters).")
        .max(limits.questionBody, `Keep your question under ${limits.questionBody} characters.`),
    ),
  name: z
    .string({ error: "Your name must be text." })
    .optional()
    .transform((name) => cleanReaderText(name ?? "").replace(/\s+/g, " ") || null)
    .pipe(z.string().max(limits.questionName, `Keep your name under ${limits.questionName} characters.`).nullable()),
  [honeypotField]: z
    .string()
    .optional()
    .refine((value) => !value, "Leave this field empty: it is there to catch automated posting."),
});

export type QuestionInput = z.input<typeof questionInputSchema>;
