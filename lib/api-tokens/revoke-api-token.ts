import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";

/**
 * Revokes a token (owners of its event only): it stops working on its next request.
 * Revoking a revoked token is fine and keeps the first revocation time.
 */
export async function revokeApiToken(actor: Actor, tokenId: string): Promise<{ revokedAt: Date }> {
  const token = await db.apiToken.findUnique({ where: { id: tokenId }, select: { eventId: true } });
  if (!token) throw new NotFoundError("No such token.");
  await requireRole(token.eventId, actor.id, ["OWNER"]);
  await db.apiToken.updateMany({ where: { id: tokenId, revokedAt: null }, data: { revokedAt: new Date() } });
  const { revokedAt } = await db.apiToken.findUniqueOrThrow({ where: { id: tokenId }, select: { revokedAt: true } });
  return { revokedAt: revokedAt! };
}
