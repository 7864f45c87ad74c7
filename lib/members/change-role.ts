import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import type { Role } from "@/lib/generated/prisma/enums";
import { roleSchema } from "./schemas";
import { keepAnOwner, lockTeam } from "./team-lock";

/** An OWNER changes a member's role (their own included, as long as an owner remains). */
export async function changeRole(actor: Actor, eventId: string, userId: string, role: Role): Promise<{ role: Role }> {
  const parsed = roleSchema.safeParse(role);
  if (!parsed.success) throw new ValidationError("Choose a role.", { role: ["Choose owner, editor or contributor."] });

  return db.$transaction(async (tx) => {
    await lockTeam(tx, eventId);
    await requireRole(eventId, actor.id, ["OWNER"], tx);
    const member = await tx.membership.findUnique({
      where: { eventId_userId: { eventId, userId } },
      select: { role: true },
    });
    if (!member) throw new NotFoundError("That person is not on the team.");
    if (member.role === "OWNER" && parsed.data !== "OWNER") await keepAnOwner(tx, eventId, userId);
    await tx.membership.update({ where: { eventId_userId: { eventId, userId } }, data: { role: parsed.data } });
    return { role: parsed.data };
  });
}
