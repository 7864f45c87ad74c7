import "server-only";
import type { Role } from "@/lib/generated/prisma/enums";
import { db, type Tx } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";

/**
 * Checks that `userId` is a member of the event with one of `roles` and returns the role.
 * Every verb that changes an event calls this: permissions live here, not in the UI.
 */
export async function requireRole(
  eventId: string,
  userId: string,
  roles: readonly Role[],
  tx: Tx | typeof db = db,
): Promise<Role> {
  const membership = await tx.membership.findUnique({
    where: { eventId_userId: { eventId, userId } },
    select: { role: true },
  });
  if (!membership || !roleAllows(membership.role, roles)) {
    throw new ForbiddenError("Only members of this event's team can do that.");
  }
  return membership.role;
}

/** The rule requireRole applies, for a role read some other way (null: not a member). */
export function roleAllows(role: Role | null, roles: readonly Role[]): role is Role {
  return role !== null && roles.includes(role);
}
