"use server";

import { redirect } from "next/navigation";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { createEvent } from "@/lib/events/create-event";
import type { ActionState } from "@/lib/shared/action-state";

export async function createEventAction(_previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["title", "slug", "description", "timeZone", "language", "draft"]);
  let slug: string;
  try {
    const actor = await requireUser();
    slug = (await createEvent(actor, values)).slug;
  } catch (error) {
    return actionError(error, values);
  }
  redirect(`/dashboard/events/${slug}`);
}
