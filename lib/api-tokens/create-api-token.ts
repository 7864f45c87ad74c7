import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { limits } from "@/lib/shared/limits";
import { fieldErrors } from "@/lib/shared/validation";
import { hashSecret, newSecret, shownPrefixLength } from "./token-secret";

const createApiTokenSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Name the token after what will use it, e.g. “Score bot”.")
    .max(limits.name, `A token name can be at most ${limits.name} characters.`),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;
/** The only time the secret exists outside the caller's hands: it is not stored. */
export type CreatedApiToken = { id: string; name: string; prefix: string; secret: string };

/**
 * Creates a publishing-API token for an event (owners only). The token acts as its
 * creator, so it can do what the creator may do on this event — and nothing once the
 * creator leaves the team.
 */
export async function createApiToken(
  actor: Actor,
  eventId: string,
  input: CreateApiTokenInput,
): Promise<CreatedApiToken> {
  const parsed = createApiTokenSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The token was not created.", fieldErrors(parsed.error));
  const { name } = parsed.data;

  const event = await db.event.findUnique({ where: { id: eventId }, select: { id: true } });
  if (!event) throw new NotFoundError("No such event.");
  await requireRole(event.id, actor.id, ["OWNER"]);

  const secret = newSecret();
  const prefix = secret.slice(0, shownPrefixLength);
  const token = await db.apiToken.create({
    data: { eventId, name, tokenHash: hashSecret(secret), prefix, createdById: actor.id },
    select: { id: true },
  });
  return { id: token.id, name, prefix, secret };
}
