"use server";

import { actionError, formValues } from "@/lib/action-error";
import { signUp } from "@/lib/auth/sign-up";
import { requestAddress } from "@/lib/security/request-address";
import type { ActionState } from "@/lib/shared/action-state";

/** Creates the account; the form then signs in through next-auth with the same password. */
export async function signUpAction(form: FormData): Promise<ActionState> {
  const values = formValues(form, ["name", "email", "password"]);
  try {
    await signUp(values, await requestAddress());
    return { ok: true };
  } catch (error) {
    // Never hand the password back to the page.
    return actionError(error, { name: values.name, email: values.email });
  }
}
