"use server";

import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { endEvent } from "@/lib/events/end-event";
import { findEventBySlug } from "@/lib/events/find-event";
import { requireRole } from "@/lib/events/require-role";
import { deletePost } from "@/lib/posts/delete-post";
import { editPost } from "@/lib/posts/edit-post";
import { getPostSource, type PostSource } from "@/lib/posts/get-post-source";
import { publishPost } from "@/lib/posts/publish-post";
import { submitPost } from "@/lib/posts/submit-post";
import { saveDraft, schedulePost } from "@/lib/posts/schedule-post";
import type { ActionState } from "@/lib/shared/action-state";
import { localDateTimeToIso } from "@/lib/shared/local-datetime";

// Thin wrappers: who is asking (the session), then the domain verb, which checks the
// role and writes. Errors come back as form state; the realtime path does the rest.

/** The composer's one action; the button pressed (`intent`) says publish, draft or schedule. */
export async function publishPostAction(slug: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["body", "headline", "intent", "scheduledFor", "timeZoneOffset"]);
  let message = "Published.";
  try {
    const actor = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    // A contributor's post goes to the editors first. Each verb checks the role again.
    const role = await requireRole(event.id, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
    if (role === "CONTRIBUTOR") {
      await submitPost(actor, event.id, values);
      message = "Sent to the editors.";
    } else if (values.intent === "draft") {
      await saveDraft(actor, event.id, values);
      message = "Saved as a draft.";
    } else if (values.intent === "schedule") {
      const scheduledFor = localDateTimeToIso(values.scheduledFor, values.timeZoneOffset);
      await schedulePost(actor, event.id, { ...values, scheduledFor });
      message = "Scheduled.";
    } else {
      await publishPost(actor, event.id, values);
    }
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message };
}

export async function loadPostSourceAction(postId: string): Promise<PostSource | ActionState> {
  try {
    return await getPostSource(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
}

export async function editPostAction(postId: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["body", "headline", "version"]);
  try {
    await editPost(await requireUser(), postId, values);
  } catch (error) {
    return actionError(error, values);
  }
  return { ok: true, message: "Saved." };
}

export async function deletePostAction(postId: string): Promise<ActionState> {
  try {
    await deletePost(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
  return { ok: true, message: "Deleted." };
}

export async function endEventAction(slug: string): Promise<ActionState> {
  try {
    const actor = await requireUser();
    const event = await findEventBySlug(slug);
    if (!event) throw new NotFoundError("No such event.");
    await endEvent(actor, event.id);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: "The coverage has ended." };
}
