import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import type { Role } from "@/lib/generated/prisma/enums";

export type TeamMember = { userId: string; name: string; email: string | null; role: Role; joinedAt: Date };

const order: Record<Role, number> = { OWNER: 0, EDITOR: 1, CONTRIBUTOR: 2 };

/** The event's team, owners first. Any member may look; only owners see email addresses. */
export async function listTeam(actor: Actor, eventId: string): Promise<TeamMember[]> {
  const yourRole = await requireRole(eventId, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
  const rows = await db.membership.findMany({
    where: { eventId },
    select: { userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
  });
  return rows
    .map((row) => ({
      userId: row.userId,
      name: row.user.name,
      email: yourRole === "OWNER" ? row.user.email : null,
      role: row.role,
      joinedAt: row.createdAt,
    }))
    .sort((a, b) => order[a.role] - order[b.role] || a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
}
