import { z } from "@/lib/shared/zod";
import { limits } from "@/lib/shared/limits";

// Inputs of the newsroom's people and review verbs, checked by the verbs themselves (so by
// every caller). Not server-only: the forms read the limits from here.
export const roleSchema = z.enum(["OWNER", "EDITOR", "CONTRIBUTOR"], "Choose owner, editor or contributor.");

export const inviteMemberSchema = z.object({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(limits.email, `An email can be at most ${limits.email} characters.`)
    .email("Enter a valid email address."),
  role: roleSchema,
});

export type InviteMemberInput = z.input<typeof inviteMemberSchema>;

/** An editor's note to the author when sending a post back. */
export const reviewNoteMax = 500;

export const reviewNoteSchema = z
  .string()
  .trim()
  .min(1, "Tell the author what to change.")
  .max(reviewNoteMax, `A note can be at most ${reviewNoteMax} characters.`);

/** How roles read in the console. */
export const roleLabels = { OWNER: "Owner", EDITOR: "Editor", CONTRIBUTOR: "Contributor" } as const;
