import "server-only";
import { bearerToken } from "@/lib/api/bearer-token";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { ForbiddenError, UnauthorizedError } from "@/lib/errors";
import { roleAllows } from "@/lib/events/require-role";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashSecret, secretPattern } from "./token-secret";

export type AuthenticatedToken = {
  token: { id: string; eventId: string; name: string };
  /** The member who created the token: the token does what they may do, as them. */
  actor: Actor;
};

type TokenRow = {
  id: string;
  eventId: string;
  name: string;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  /** Null when the creator's account is gone (and then so is their role). */
  creator: Actor | null;
  /** The creator's role on the token's event; null when they are no longer a member. */
  role: Role | null;
};

/** The roles whose tokens may act (docs/api.md). */
const actingRoles: readonly Role[] = ["OWNER", "EDITOR"];

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
  // Looked up by its hash: the unique index answers, and nothing compares secrets. The
  // creator and their role on the token's event come in the same round trip.
  const [token] = await db.$queryRaw<TokenRow[]>`
    SELECT t."id", t."eventId", t."name", t."lastUsedAt", t."revokedAt",
           (SELECT json_build_object('id', u."id", 'name', u."name", 'email', u."email")
              FROM "User" u WHERE u."id" = t."createdById") AS "creator",
           m."role"::text AS "role"
    FROM "ApiToken" t
    LEFT JOIN "Membership" m ON m."eventId" = t."eventId" AND m."userId" = t."createdById"
    WHERE t."tokenHash" = ${hashSecret(secret)}`;
  if (!token) throw new UnauthorizedError("Unknown API token.");
  if (token.revokedAt) throw new UnauthorizedError("This API token has been revoked.");
  const { creator, role } = token;
  if (!creator || !roleAllows(role, actingRoles)) {
    throw new ForbiddenError(
      "The member who created this token is no longer an owner or editor of its event, so the token cannot act.",
    );
  }

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
