"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { approvePost, sendBackPost } from "@/lib/posts/review-post";
import { discardPost, resubmitPost } from "@/lib/posts/submit-post";
import type { ActionState } from "@/lib/shared/action-state";

// Review: editors approve or send back; authors edit and resubmit, or discard. The verbs
// check who may do what. `slug` only names the console to redraw.

export async function approvePostAction(slug: string, postId: string, version: number): Promise<ActionState> {
  try {
    await approvePost(await requireUser(), postId, { version });
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.review"))("published") };
}

export async function sendBackPostAction(
  slug: string,
  postId: string,
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const values = formValues(form, ["note"]);
  try {
    await sendBackPost(await requireUser(), postId, values);
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.review"))("sentBack") };
}

export async function resubmitPostAction(
  slug: string,
  postId: string,
  _previous: ActionState,
  form: FormData,
): Promise<ActionState> {
  const values = formValues(form, ["body", "headline", "version"]);
  try {
    await resubmitPost(await requireUser(), postId, values);
  } catch (error) {
    return actionError(error, values);
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.review"))("sentToEditors") };
}

export async function discardPostAction(slug: string, postId: string): Promise<ActionState> {
  try {
    await discardPost(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true, message: (await getTranslations("newsroom.review"))("discarded") };
}
