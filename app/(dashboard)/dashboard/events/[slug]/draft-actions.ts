"use server";

import { revalidatePath } from "next/cache";
import { actionError } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { renderMarkdown } from "@/lib/posts/render-markdown";
import { publishNow } from "@/lib/posts/schedule-post";
import type { ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";

// Publishing an editor's draft or scheduled post now, and the composer's preview.

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
  return renderMarkdown(String(body).slice(0, limits.postMarkdown));
}
