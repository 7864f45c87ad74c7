"use server";

import { getTranslations } from "next-intl/server";
import { revalidatePath } from "next/cache";
import { actionError, formValues } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { editDraft } from "@/lib/posts/edit-draft";
import { renderMarkdown } from "@/lib/posts/render-markdown";
import { publishNow } from "@/lib/posts/schedule-post";
import type { ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

// The desk's kept-back posts (edit, publish now) and the composer's preview.

/** Saves an edit of a draft or scheduled post (the edit form's action for kept-back posts). */
export async function editDraftAction(postId: string, _previous: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["body", "headline", "version"]);
  try {
    await editDraft(await requireUser(), postId, values);
  } catch (error) {
    return actionError(error, values);
  }
  return { ok: true, message: (await getTranslations("newsroom.keptBack"))("saved") };
}

export async function publishNowAction(slug: string, postId: string): Promise<ActionState> {
  try {
    await publishNow(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
  revalidatePath(`/dashboard/events/${slug}`);
  return { ok: true };
}

/** The composer's preview: the very renderer and sanitizer that publishing uses. */
export async function previewAction(body: string): Promise<string> {
  await requireUser();
  const source = String(body).slice(0, limits.postMarkdown);
  return renderMarkdown(source, await imageSizesIn(source));
}
