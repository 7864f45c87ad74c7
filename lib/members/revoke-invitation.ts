import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { lockTeam } from "./team-lock";

/** An OWNER withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(actor: Actor, invitationId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: { id: invitationId }, select: { eventId: true } });
    if (!found) throw new NotFoundError("No such invitation.");
    await lockTeam(tx, found.eventId);
    await requireRole(found.eventId, actor.id, ["OWNER"], tx);
    const invitation = await tx.invitation.findUnique({ where: { id: invitationId }, select: { acceptedAt: true } });
    if (!invitation) throw new NotFoundError("No such invitation.");
    if (invitation.acceptedAt) throw new ConflictError("This invitation has already been accepted.");
    await tx.invitation.delete({ where: { id: invitationId } });
  });
}
