import "server-only";
import { AppError, unstorableInput } from "./errors";
import type { ActionState } from "./shared/action-state";

/** A domain error as form state (keeping what was typed); anything else is a real bug. */
export function actionError(caught: unknown, values: Record<string, string>): ActionState {
  const error = unstorableInput(caught) ?? caught;
  if (!(error instanceof AppError)) throw error;
  return { ok: false, message: error.message, fieldErrors: error.fieldErrors, values };
}

/** FormData → plain strings (files and missing fields become ""). */
export function formValues<K extends string>(form: FormData, keys: readonly K[]): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const key of keys) {
    const value = form.get(key);
    out[key] = typeof value === "string" ? value : "";
  }
  return out;
}
