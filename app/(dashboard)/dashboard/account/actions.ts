"use server";

import { getTranslations } from "next-intl/server";
import { actionError, formValues } from "@/lib/action-error";
import { changePassword } from "@/lib/auth/change-password";
import { requireUser } from "@/lib/auth/session";
import type { ActionState } from "@/lib/shared/action-state";

/** Changes the signed-in user's password; every other session ends (see changePassword). */
export async function changePasswordAction(_state: ActionState, form: FormData): Promise<ActionState> {
  const values = formValues(form, ["currentPassword", "newPassword"]);
  try {
    await changePassword(await requireUser(), values);
    return { ok: true, message: (await getTranslations("newsroom.account"))("changed") };
  } catch (error) {
    // Passwords are never handed back to the page.
    return actionError(error, {});
  }
}
