import { startTransition, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/shared/action-state";
import { retryDelay } from "./retry-delay";
import { usePageActionState } from "./use-page-action-state";

/** An answer, or `waiting`: the form was sent but not answered, and will be sent again. */
export type ResendingState = ActionState & { waiting?: boolean };

type FormAction = (previous: ActionState, form: FormData) => Promise<ActionState>;

/** What the form held, so that the fields keep it (React resets a form after its action). */
function typedValues(form: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of form) if (typeof value === "string") values[name] = value;
  return values;
}

/**
 * usePageActionState for a form whose action must survive the network. A call that throws
 * (offline, a server restarting, a 502/503) never reaches an error page: the state becomes
 * `waiting`, and the same FormData (so the same idempotency key: written once however often
 * it arrives) is sent again when the browser is back online, or after a growing delay.
 */
export function useResendingAction(action: FormAction, initialState: ResendingState) {
  const unsent = useRef<FormData | null>(null);
  const attempts = useRef(0);
  const [state, dispatch, pending] = usePageActionState(async (previous: ResendingState, form: FormData) => {
    try {
      const answer: ResendingState = await action(previous, form);
      unsent.current = null;
      attempts.current = 0;
      return answer;
    } catch {
      unsent.current = form;
      return { ok: false, waiting: true, values: typedValues(form) };
    }
  }, initialState);

  useEffect(() => {
    if (!state.waiting) return;
    let sent = false;
    const resend = () => {
      const form = unsent.current;
      if (sent || !form) return;
      sent = true;
      attempts.current++;
      startTransition(() => dispatch(form));
    };
    const timer = setTimeout(resend, retryDelay(attempts.current));
    window.addEventListener("online", resend);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", resend);
    };
  }, [state, dispatch]);

  return [state, dispatch, pending] as const;
}
