"use server";

import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { publishPost } from "@/lib/posts/publish-post";
import type { ActionState } from "@/lib/shared/action-state";

export async function publishPostAction(slug: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["body", "headline"]);
  try {
    const actor = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    await publishPost(actor, event.id, values);
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: "Published." };
}
