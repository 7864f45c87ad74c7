import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { presenceChannel, removedPayload } from "@/lib/presence/hub";
import { keepAnOwner, lockTeam } from "./team-lock";

/**
 * An OWNER takes someone off the team. Access ends at once: every verb and page checks
 * the membership row on each call. Their posts stay, under their name.
 */
export async function removeMember(actor: Actor, eventId: string, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockTeam(tx, eventId);
    await requireRole(eventId, actor.id, ["OWNER"], tx);
    const member = await tx.membership.findUnique({
      where: { eventId_userId: { eventId, userId } },
      select: { role: true },
    });
    if (!member) throw new NotFoundError("That person is not on the team.");
    if (member.role === "OWNER") await keepAnOwner(tx, eventId, userId);
    await tx.membership.delete({ where: { eventId_userId: { eventId, userId } } });
    // Delivered on commit: every process closes the removed member's presence streams.
    await tx.$executeRaw`SELECT pg_notify(${presenceChannel}, ${removedPayload(eventId, userId)})`;
  });
}
