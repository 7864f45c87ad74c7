import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import type { Role } from "@/lib/generated/prisma/enums";

export type PendingInvitation = {
  id: string;
  email: string;
  role: Role;
  createdAt: Date;
  expiresAt: Date;
  expired: boolean;
};

/** Invitations not yet accepted (expired ones too, so owners can tidy up), newest first. OWNER only. */
export async function listInvitations(actor: Actor, eventId: string): Promise<PendingInvitation[]> {
  await requireRole(eventId, actor.id, ["OWNER"]);
  const rows = await db.invitation.findMany({
    where: { eventId, acceptedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true },
  });
  const now = new Date();
  return rows.map((row) => ({ ...row, expired: row.expiresAt <= now }));
}
