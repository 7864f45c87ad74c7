import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";

/** A token as its owners see it: never the secret or its hash. Times are ISO 8601. */
export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdByName: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** An event's API tokens, newest first (owners only). */
export async function listApiTokens(actor: Actor, eventId: string): Promise<ApiTokenView[]> {
  await requireRole(eventId, actor.id, ["OWNER"]);
  const tokens = await db.apiToken.findMany({
    where: { eventId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      createdById: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  // ApiToken has no relation to User in the schema, so the creators' names are one more query.
  const creatorIds = [...new Set(tokens.map((t) => t.createdById))];
  const creators = await db.user.findMany({ where: { id: { in: creatorIds } }, select: { id: true, name: true } });
  const names = new Map(creators.map((u) => [u.id, u.name]));
  return tokens.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdByName: names.get(t.createdById) ?? null,
    createdAt: t.createdAt.toISOString(),
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  }));
}
