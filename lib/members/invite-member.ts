import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import type { Role } from "@/lib/generated/prisma/enums";
import { fieldErrors } from "@/lib/shared/validation";
import { invitationLifetimeMs, invitationPath, newInvitationToken } from "./invitation-token";
import { inviteMemberSchema, type InviteMemberInput } from "./schemas";
import { lockTeam } from "./team-lock";

export type CreatedInvitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: Date;
  /** `/invite/<token>`: the only time the token exists outside the link. */
  link: string;
};

/**
 * An OWNER invites someone by email with a role. The link carries a secret token; only
 * its SHA-256 is stored. Inviting an address again replaces its pending invitation, so
 * the older link stops working.
 */
export async function inviteMember(
  actor: Actor,
  eventId: string,
  input: InviteMemberInput,
): Promise<CreatedInvitation> {
  const parsed = inviteMemberSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("Check the highlighted fields.", fieldErrors(parsed.error));
  const { email, role } = parsed.data;
  const { token, tokenHash } = newInvitationToken();

  return db.$transaction(async (tx) => {
    const event = await tx.event.findUnique({ where: { id: eventId }, select: { id: true } });
    if (!event) throw new NotFoundError("No such event.");
    await lockTeam(tx, eventId);
    await requireRole(eventId, actor.id, ["OWNER"], tx);
    const member = await tx.membership.findFirst({ where: { eventId, user: { email } }, select: { role: true } });
    if (member) {
      throw new ConflictError(`${email} is already on the team.`, {
        email: [`Already on the team as ${member.role.toLowerCase()}; change their role in the list instead.`],
      });
    }
    await tx.invitation.deleteMany({ where: { eventId, email, acceptedAt: null } });
    const invitation = await tx.invitation.create({
      data: {
        eventId,
        email,
        role,
        tokenHash,
        invitedById: actor.id,
        expiresAt: new Date(Date.now() + invitationLifetimeMs),
      },
      select: { id: true, email: true, role: true, expiresAt: true },
    });
    return { ...invitation, link: invitationPath(token) };
  });
}
