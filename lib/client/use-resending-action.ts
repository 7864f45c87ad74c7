import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";
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

/** The form's fields as the user sees them: without React's server-rendered `$ACTION_…` inputs. */
function formFields(form: HTMLFormElement, submitter: HTMLElement | null): FormData {
  const data = new FormData(form, submitter);
  for (const name of [...data.keys()]) if (name.startsWith("$ACTION_")) data.delete(name);
  return data;
}

/**
 * A form whose server action must survive the network.
 *
 * Before JavaScript (or without it) the form posts to the page itself, as any server-action
 * form does: `formProps.action` is the action's permalink. Once hydrated, `formProps.onSubmit`
 * takes the submission over: a call that throws (offline, a server restarting, a 502/503)
 * never reaches an error page; the state becomes `waiting`, and the same FormData (so the
 * same idempotency key: written once however often it arrives) is sent again when the
 * browser is back online, or after a growing delay.
 */
export function useResendingAction(action: FormAction, initialState: ResendingState) {
  // The no-JavaScript path: its state is the answer to a form posted before hydration.
  const [pageState, pageAction] = usePageActionState<ResendingState, FormData>(action, initialState);
  const unsent = useRef<FormData | null>(null);
  const attempts = useRef(0);
  const [state, dispatch, pending] = useActionState<ResendingState, FormData>(async (previous, form) => {
    try {
      const answer: ResendingState = await action(previous, form);
      unsent.current = null;
      attempts.current = 0;
      return answer;
    } catch {
      unsent.current = form;
      return { ok: false, waiting: true, values: typedValues(form) };
    }
  }, pageState);

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

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Prevented, React does not run `action`; the transition still shows the form as pending.
    event.preventDefault();
    const form = formFields(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => dispatch(form));
  };

  return { state, pending, formProps: { action: pageAction, onSubmit } } as const;
}
