"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import type { Role } from "@/lib/generated/prisma/enums";
import { changeRole } from "@/lib/members/change-role";
import { inviteMember } from "@/lib/members/invite-member";
import { removeMember } from "@/lib/members/remove-member";
import { revokeInvitation } from "@/lib/members/revoke-invitation";
import { sendInvitationEmail, type InvitationDelivery } from "@/lib/members/send-invitation-email";
import type { ActionState } from "@/lib/shared/action-state";

// The team panel's actions: the session, then the domain verb (which checks that the
// actor is an OWNER, under the team lock). Every one redraws the console.

export type InviteState = ActionState & { link?: string; delivery?: InvitationDelivery };

// The link is always shown: these say whether the invitee also has it by email.
const deliveryMessages = {
  emailed: "emailed",
  "not-configured": "notConfigured",
  failed: "emailFailed",
} as const satisfies Record<InvitationDelivery, string>;

async function eventOf(slug: string) {
  const event = await findEventBySlug(slug);
  if (!event) throw new NotFoundError("No such event.");
  return event;
}

/** This site's origin as the browser sees it, for the absolute link in the email. */
async function origin(): Promise<string> {
  // Browsers send Origin with every server action, and Next refuses one that does not match Host.
  return (await headers()).get("origin") ?? "";
}

export async function inviteMemberAction(slug: string, _previous: InviteState, form: FormData): Promise<InviteState> {
  const values = formValues(form, ["email", "role"]);
  let result: InviteState;
  try {
    const actor = await requireUser();
    const event = await eventOf(slug);
    // The role is checked by the verb's schema; the cast only satisfies the type.
    const invitation = await inviteMember(actor, event.id, { email: values.email, role: values.role as Role });
    // The invitation exists from here on: a failed email only changes what the owner is told.
    const { delivery } = await sendInvitationEmail({
      to: invitation.email,
      eventTitle: event.title,
      role: invitation.role,
      inviterName: actor.name,
      link: `${await origin()}${invitation.link}`,
    });
    const t = await getTranslations("newsroom.team");
    result = {
      ok: true,
      link: invitation.link,
      delivery,
      message: t(deliveryMessages[delivery], { email: invitation.email }),
    };
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return result;
}

export async function changeRoleAction(slug: string, userId: string, role: Role): Promise<ActionState> {
  try {
    const actor = await requireUser();
    await changeRole(actor, (await eventOf(slug)).id, userId, role);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.team"))("roleChanged") };
}

export async function removeMemberAction(slug: string, userId: string): Promise<ActionState> {
  let leftTheTeam = false;
  try {
    const actor = await requireUser();
    await removeMember(actor, (await eventOf(slug)).id, userId);
    leftTheTeam = actor.id === userId;
  } catch (error) {
    return actionError(error, {});
  }
  // An owner who removed themselves has no console here any more.
  if (leftTheTeam) redirect("/dashboard");
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.team"))("removed") };
}

export async function revokeInvitationAction(slug: string, invitationId: string): Promise<ActionState> {
  try {
    await revokeInvitation(await requireUser(), invitationId);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.team"))("invitationRevoked") };
}
