import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashInvitationToken, isWellFormedToken } from "./invitation-token";
import { lockTeam, strongerRole } from "./team-lock";

export type AcceptedInvitation = { eventId: string; slug: string; role: Role };

/**
 * Joins the signed-in person to the event's team with the invitation's role. Someone
 * already on the team keeps the stronger of their role and the invited one. The link
 * works once, for seven days.
 *
 * The link is the credential (sign-up does not verify emails, so matching the invited
 * address would prove nothing); the page shows both addresses before accepting.
 */
export async function acceptInvitation(actor: Actor, token: string): Promise<AcceptedInvitation> {
  const unknown = () => new NotFoundError("This invitation link is not valid. Ask the event's owner for a new one.");
  if (!isWellFormedToken(token)) throw unknown();
  const tokenHash = hashInvitationToken(token);

  return db.$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: { tokenHash }, select: { eventId: true } });
    if (!found) throw unknown();
    await lockTeam(tx, found.eventId);
    // Read again under the lock: a racing accept or revoke has committed by now.
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash },
      select: {
        id: true,
        eventId: true,
        role: true,
        expiresAt: true,
        acceptedAt: true,
        event: { select: { slug: true } },
      },
    });
    if (!invitation) throw unknown();
    if (invitation.acceptedAt) throw new ConflictError("This invitation has already been used.");
    if (invitation.expiresAt <= new Date()) {
      throw new ConflictError("This invitation has expired. Ask the event's owner for a new one.");
    }
    const { eventId } = invitation;
    const current = await tx.membership.findUnique({
      where: { eventId_userId: { eventId, userId: actor.id } },
      select: { role: true },
    });
    const role = current ? strongerRole(current.role, invitation.role) : invitation.role;
    await tx.membership.upsert({
      where: { eventId_userId: { eventId, userId: actor.id } },
      create: { eventId, userId: actor.id, role },
      update: { role },
    });
    await tx.invitation.update({ where: { id: invitation.id }, data: { acceptedAt: new Date() } });
    return { eventId, slug: invitation.event.slug, role };
  });
}
