import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";
import { logger } from "@/lib/observability/logger";
import type { Role } from "@/lib/generated/prisma/enums";

/** Where and how to send mail: SMTP_URL and SMTP_FROM from lib/env.ts. */
export type SmtpConfig = { url: string; from: string };

export type InvitationEmail = {
  to: string;
  eventTitle: string;
  role: Role;
  inviterName: string;
  /** The absolute link, `https://…/invite/<token>`. */
  link: string;
};

/** What happened to the email; the invitation itself exists whatever this says. */
export type InvitationDelivery = "emailed" | "not-configured" | "failed";

/** The configured mail server, or undefined when SMTP_URL is not set. */
export function smtpConfig(): SmtpConfig | undefined {
  const { SMTP_URL, SMTP_FROM } = env();
  return SMTP_URL ? { url: SMTP_URL, from: SMTP_FROM } : undefined;
}

// The owner waits for this in the invite form: a mail server that does not answer must
// not hold them for nodemailer's default minutes. The link is shown either way.
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/**
 * Emails an invitation link, when a mail server is configured. Never throws: a failed
 * send leaves the invitation as it is (the owner still has the link to copy), so the
 * caller only reports what happened.
 */
export async function sendInvitationEmail(
  email: InvitationEmail,
  smtp: SmtpConfig | undefined = smtpConfig(),
): Promise<{ delivery: InvitationDelivery }> {
  if (!smtp) return { delivery: "not-configured" };
  const transport = nodemailer.createTransport(smtp.url, timeouts);
  try {
    await transport.sendMail({ from: smtp.from, ...invitationMessage(email) });
    return { delivery: "emailed" };
  } catch (error) {
    // No secrets in this line: the URL (which may hold a password) is not logged.
    logger().warn({ to: email.to, reason: (error as Error).message }, "could not email an invitation");
    return { delivery: "failed" };
  } finally {
    transport.close();
  }
}

const asRole: Record<Role, string> = { OWNER: "an owner", EDITOR: "an editor", CONTRIBUTOR: "a contributor" };

function invitationMessage({ to, eventTitle, role, inviterName, link }: InvitationEmail) {
  const roleName = asRole[role];
  const subject = `${inviterName} invited you to cover "${eventTitle}" on Herald`;
  const text = [
    `${inviterName} invited you to join the team covering "${eventTitle}" as ${roleName}.`,
    "",
    "Open this link to sign up or sign in and join:",
    link,
    "",
    "It works once and expires in 7 days. If you did not expect this, ignore this email.",
  ].join("\n");
  const html =
    `<p>${escape(inviterName)} invited you to join the team covering <strong>${escape(eventTitle)}</strong> ` +
    `as ${escape(roleName)}.</p>` +
    `<p><a href="${escape(link)}">Join the team</a></p>` +
    `<p>Or paste this link into your browser: ${escape(link)}</p>` +
    "<p>It works once and expires in 7 days. If you did not expect this, ignore this email.</p>";
  return { to, subject, text, html };
}

const entities: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** The names and titles are typed by people: never markup in the email. */
function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => entities[c]!);
}
