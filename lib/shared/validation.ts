import { locales } from "@/lib/i18n/locales";
import { z } from "./zod";
import { limits } from "./limits";
import { pollInputSchema } from "./polls";
import { slugPattern } from "./slug";

// Schemas for every write, used by server actions, the API and the tests alike.

// Postgres text cannot hold NUL; said here, next to the field, rather than by the database.
const noNul = (s: string) => !s.includes("\u0000");
const noNulMessage = "Remove the invisible NUL character.";

const trimmed = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be at most ${max} characters.`).refine(noNul, noNulMessage);

export const signUpSchema = z.object({
  name: trimmed(limits.name, "Name").min(1, "Tell us your name."),
  email: z.string().trim().toLowerCase().max(limits.email).email("Enter a valid email address."),
  password: z
    .string()
    .min(limits.passwordMin, `Use at least ${limits.passwordMin} characters.`)
    .max(limits.passwordMax, `Use at most ${limits.passwordMax} characters.`),
});

const newPassword = z
  .string()
  .min(limits.passwordMin, `Use at least ${limits.passwordMin} characters.`)
  .max(limits.passwordMax, `Use at most ${limits.passwordMax} characters.`);

export const changePasswordSchema = z.object({
  currentPassword: z
    .string()
    .min(1, "Enter your current password.")
    .max(limits.passwordMax, "That is not your password."),
  newPassword,
});

export type ChangePasswordInput = z.input<typeof changePasswordSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name the runtime knows ("Europe/Paris", "UTC"). */
export const timeZoneSchema = z
  .string()
  .trim()
  .refine((zone) => zone.length <= 64 && isTimeZone(zone), "Use a time zone name such as Europe/Paris or UTC.");

/** A language readers can get an event in (lib/i18n/locales.ts). */
export const languageSchema = z
  .string()
  .optional()
  // Empty or left out: none given (a form without the field, an API client that omits it).
  .transform((code) => code?.trim() || undefined)
  .pipe(z.enum(locales, `Choose one of: ${locales.join(", ")}.`).optional());

export const createEventSchema = z.object({
  title: trimmed(limits.eventTitle, "Title").min(1, "Give the event a title."),
  // Empty means "derive it from the title".
  slug: z
    .string()
    .trim()
    .max(limits.slug, `The address must be at most ${limits.slug} characters.`)
    .refine((s) => s === "" || slugPattern.test(s), "Use lowercase letters, digits and single dashes.")
    .default(""),
  description: trimmed(limits.eventDescription, "Description").default(""),
  // The zone the desk works in and readers see times in; empty or left out: UTC.
  timeZone: z
    .string()
    .optional()
    .transform((zone) => zone?.trim() || "UTC")
    .pipe(timeZoneSchema),
  // The readers' language; left out: English.
  language: languageSchema.transform((code) => code ?? "en"),
  // A checkbox: "on" when ticked. Drafts are seen only by the team until they go live.
  draft: z
    .union([z.boolean(), z.string()])
    .transform((value) => value === true || value === "on")
    .default(false),
});

export const postBodySchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, "Write something before publishing.")
    .max(limits.postMarkdown, `A post can be at most ${limits.postMarkdown.toLocaleString("en")} characters.`)
    .refine(noNul, noNulMessage),
  headline: trimmed(limits.headline, "Headline").optional(),
});

export type SignUpInput = z.input<typeof signUpSchema>;
export type CreateEventInput = z.input<typeof createEventSchema>;
export type PublishPostInput = z.input<typeof postBodySchema>;

/** zod issues → { field: [messages] }, for forms and 422 bodies. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
  return out;
}

export const postKinds = ["standard", "quote"] as const;
export type PostKindName = (typeof postKinds)[number];

/** A post's kind; a quote needs its attribution (who said it). */
export const publishPostSchema = postBodySchema
  .extend({
    kind: z.enum(postKinds, { error: "A post's kind is standard or quote." }).default("standard"),
    quoteBy: trimmed(limits.quoteBy, "Attribution").optional(),
    // A poll published with the post (docs/polls.md); its errors are the field `poll`'s.
    poll: pollInputSchema().nullish(),
  })
  .superRefine((post, context) => {
    if (post.kind === "quote" && !post.quoteBy) {
      context.addIssue({ code: "custom", path: ["quoteBy"], message: "Say who is quoted." });
    }
  });

export type PublishInput = z.input<typeof publishPostSchema>;

export const editPostSchema = postBodySchema.extend({
  // The version the editor started from: a save over someone else's newer edit is refused.
  version: z.coerce.number().int().positive(),
});

export type EditPostInput = z.input<typeof editPostSchema>;

/** The short label of a key event, e.g. "Goal!" or "Polls close". */
export const keyLabelSchema = z
  .string()
  .trim()
  .min(1, "Give the key event a short label.")
  .max(limits.keyLabel, `A key event label can be at most ${limits.keyLabel} characters.`)
  .refine(noNul, noNulMessage);

export const eventSettingsSchema = z.object({
  title: trimmed(limits.eventTitle, "Title").min(1, "Give the event a title."),
  description: trimmed(limits.eventDescription, "Description").default(""),
  slug: z
    .string()
    .trim()
    .min(1, "Choose an address.")
    .max(limits.slug, `The address must be at most ${limits.slug} characters.`)
    .regex(slugPattern, "Use lowercase letters, digits and single dashes."),
  order: z.enum(["NEWEST_FIRST", "OLDEST_FIRST"], "Choose newest first or oldest first."),
  timeZone: timeZoneSchema,
  // Left out: unchanged.
  language: languageSchema,
  // The key of an image uploaded for this event ("" or null: no cover; left out: unchanged).
  // Whether it is one is checked by the verb, against storage.
  coverImageKey: z
    .string()
    .trim()
    .max(200, "Upload the cover image again.")
    .nullable()
    .optional()
    .transform((key) => (key === "" ? null : key)),
});

export type EventSettingsInput = z.input<typeof eventSettingsSchema>;

/** The key points pinned above the feed: Markdown, "" to clear them. */
export const eventSummarySchema = z.object({
  summary: z
    .string("Write the key points as text.")
    .max(limits.eventSummary, `Key points must be at most ${limits.eventSummary} characters.`)
    .refine(noNul, noNulMessage)
    .transform((s) => s.trim()),
});

export type EventSummaryInput = z.input<typeof eventSummarySchema>;

export const scheduleSchema = z.object({
  startsAt: z.coerce.date("Give a valid date and time."),
});

/** An editor's draft: a post kept back, perhaps with the poll it will be published with. */
export const draftPostSchema = postBodySchema.extend({ poll: pollInputSchema().nullish() });

export const schedulePostSchema = draftPostSchema
  .extend({
    scheduledFor: z.coerce
      .date("Give a valid date and time.")
      .refine((at) => at.getTime() > Date.now(), "Choose a time in the future.")
      .refine((at) => at.getTime() < Date.now() + 366 * 24 * 3_600_000, "Choose a time within a year."),
  })
  .superRefine((post, context) => {
    // A poll that would close before readers see it is a mistake, not a choice.
    if (post.poll?.closesAt && post.poll.closesAt <= post.scheduledFor) {
      context.addIssue({ code: "custom", path: ["poll"], message: "The poll must close after the post is published." });
    }
  });

export type SchedulePostInput = z.input<typeof schedulePostSchema>;
