"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { createApiToken, type CreatedApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import type { ActionState } from "@/lib/shared/action-state";

// Thin wrappers, like actions.ts: the session says who is asking, the domain verb checks
// that they own the event. The secret goes back once, in this response, and nowhere else.

export type CreateApiTokenState = ActionState & { created?: CreatedApiToken };

export async function createApiTokenAction(
  slug: string,
  _previous: CreateApiTokenState,
  form: FormData,
): Promise<CreateApiTokenState> {
  const values = formValues(form, ["name"]);
  let created: CreatedApiToken;
  try {
    const actor = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    created = await createApiToken(actor, event.id, values);
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.apiTokens"))("created"), created };
}

export async function revokeApiTokenAction(slug: string, tokenId: string): Promise<ActionState> {
  try {
    await revokeApiToken(await requireUser(), tokenId);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.apiTokens"))("revoked") };
}
