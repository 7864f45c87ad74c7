import "server-only";
import { ConflictError, toAppError } from "./errors";
import type { ActionState } from "./shared/action-state";

/** A domain error as form state (keeping what was typed); anything else is a real bug. */
export function actionError(error: unknown, values: Record<string, string>): ActionState {
  // Bad input the database refused, and a lost database ("nothing was saved, try again").
  const known = toAppError(error);
  if (!known) throw error;
  const current = known instanceof ConflictError ? known.current : undefined;
  return { ok: false, message: known.message, fieldErrors: known.fieldErrors, values, ...(current && { current }) };
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
