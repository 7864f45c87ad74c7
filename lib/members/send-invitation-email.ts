import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";

/** Where and how to send mail. Not in lib/env.ts yet: callers pass it when there is one. */
export type SmtpConfig = { url: string; from: string };

export type InvitationEmail = {
  to: string;
  eventTitle: string;
  role: Role;
  inviterName: string;
  /** The absolute link, `https://…/invite/<token>`. */
  link: string;
};

/**
 * The one place an invitation email would be sent from. The owner always gets the link to
 * copy, so nothing depends on mail.
 *
 * NOT IMPLEMENTED: Herald has no SMTP client yet. When SMTP_URL (and a sender address)
 * are added to lib/env.ts, the invite action should pass them here, and this should send
 * the message (with a mail library added to package.json) and return { sent: true }.
 * Until then it never sends, configured or not.
 */
export async function sendInvitationEmail(email: InvitationEmail, smtp?: SmtpConfig): Promise<{ sent: boolean }> {
  // No mail server configured: the owner shares the link themselves.
  if (!smtp) return { sent: false };
  // Configured, but sending is not implemented yet (see above): say so, never pretend.
  void email;
  return { sent: false };
}
