"use server";

import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { AppError, UnauthorizedError } from "@/lib/errors";
import { acceptInvitation } from "@/lib/members/accept-invitation";

/**
 * Accepts the invitation in the form and opens the event's console. If it cannot be
 * accepted (used, expired, revoked), back to the invitation's page, which says why.
 */
export async function acceptInvitationAction(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "");
  const page = `/invite/${encodeURIComponent(token)}`;
  let slug: string;
  try {
    slug = (await acceptInvitation(await requireUser(), token)).slug;
  } catch (error) {
    if (error instanceof UnauthorizedError) redirect(`/sign-in?callbackUrl=${encodeURIComponent(page)}`);
    if (error instanceof AppError) redirect(page);
    throw error;
  }
  redirect(`/dashboard/events/${slug}`);
}
