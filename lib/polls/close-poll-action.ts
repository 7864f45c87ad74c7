"use server";

import { actionError } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import type { ActionState } from "@/lib/shared/action-state";
import { closePoll } from "./close-poll";

/** The console's Close poll button: readers get the closed poll live (a post.updated change). */
export async function closePollAction(postId: string): Promise<ActionState> {
  try {
    await closePoll(await requireUser(), postId);
  } catch (error) {
    return actionError(error, {});
  }
  return { ok: true };
}
