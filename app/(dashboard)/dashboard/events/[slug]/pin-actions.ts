"use server";

import { actionError } from "@/lib/action-error";
import { requireUser } from "@/lib/auth/session";
import { pinPost } from "@/lib/posts/pin-post";
import { setKeyEvent } from "@/lib/posts/set-key-event";
import type { ActionState } from "@/lib/shared/action-state";

// Pin and key-event toggles from the console; readers get the change live.

export async function pinPostAction(postId: string, pinned: boolean): Promise<ActionState> {
  try {
    await pinPost(await requireUser(), postId, pinned);
  } catch (error) {
    return actionError(error, {});
  }
  return { ok: true };
}

export async function setKeyEventAction(postId: string, label: string | null): Promise<ActionState> {
  try {
    await setKeyEvent(await requireUser(), postId, label);
  } catch (error) {
    return actionError(error, {});
  }
  return { ok: true };
}
