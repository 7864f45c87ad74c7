import "server-only";
import type { Tx } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/enums";
import { ConflictError } from "@/lib/errors";

/**
 * Serializes changes to one event's team (invite, accept, change role, remove, revoke)
 * until the transaction ends. An advisory lock rather than the event row: publishers
 * queue on that row (appendChange), and team changes must not hold them up.
 * Under it, "is this the last owner?" cannot race another demotion.
 */
export async function lockTeam(tx: Tx, eventId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`herald.team:${eventId}`}))`;
}

const rank: Record<Role, number> = { CONTRIBUTOR: 1, EDITOR: 2, OWNER: 3 };

/** The stronger of two roles: an invitation never takes rights away. */
export function strongerRole(a: Role, b: Role): Role {
  return rank[a] >= rank[b] ? a : b;
}

/** Refuses a change that would leave the event without an OWNER (call under lockTeam). */
export async function keepAnOwner(tx: Tx, eventId: string, losingOwner: string): Promise<void> {
  const others = await tx.membership.count({ where: { eventId, role: "OWNER", userId: { not: losingOwner } } });
  if (others === 0) {
    throw new ConflictError("An event must keep at least one owner. Make someone else an owner first.");
  }
}
