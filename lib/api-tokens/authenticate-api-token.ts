import "server-only";
import { bearerToken } from "@/lib/api/bearer-token";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { AppError, ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { hashSecret, secretPattern } from "./token-secret";

export type AuthenticatedToken = {
  token: { id: string; eventId: string; name: string };
  /** The member who created the token: the token does what they may do, as them. */
  actor: Actor;
};

/** lastUsedAt is "used within this minute": one write a minute, not one per request. */
export const lastUsedResolutionMs = 60_000;

/**
 * The token in a request's `Authorization: Bearer <secret>` and the member it acts as.
 * 401 for a missing, malformed, unknown or revoked token; 403 when its creator is no
 * longer an owner or editor of the token's event (checked on every request, so removing
 * someone from the team stops their tokens at once).
 */
export async function authenticateApiToken(request: Request): Promise<AuthenticatedToken> {
  const secret = bearerToken(request);
  if (!secretPattern.test(secret)) {
    throw new UnauthorizedError("Malformed API token: Herald tokens start with “hrld_” and are 48 characters long.");
  }
  // Looked up by its hash: the unique index answers, and nothing compares secrets.
  const token = await db.apiToken.findUnique({
    where: { tokenHash: hashSecret(secret) },
    select: { id: true, eventId: true, name: true, createdById: true, lastUsedAt: true, revokedAt: true },
  });
  if (!token) throw new UnauthorizedError("Unknown API token.");
  if (token.revokedAt) throw new UnauthorizedError("This API token has been revoked.");

  const creator = await db.user.findUnique({
    where: { id: token.createdById },
    select: { id: true, name: true, email: true },
  });
  const noLonger = new ForbiddenError(
    "The member who created this token is no longer an owner or editor of its event, so the token cannot act.",
  );
  if (!creator) throw noLonger;
  await requireRole(token.eventId, creator.id, ["OWNER", "EDITOR"]).catch((error: unknown) => {
    throw error instanceof AppError ? noLonger : error;
  });

  await touch(token.id, token.lastUsedAt);
  return { token: { id: token.id, eventId: token.eventId, name: token.name }, actor: creator };
}

async function touch(tokenId: string, lastUsedAt: Date | null): Promise<void> {
  const now = new Date();
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < lastUsedResolutionMs) return;
  // Conditional, so of many concurrent first requests of a minute only one writes.
  const stale = new Date(now.getTime() - lastUsedResolutionMs);
  await db.apiToken.updateMany({
    where: { id: tokenId, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: stale } }] },
    data: { lastUsedAt: now },
  });
}
