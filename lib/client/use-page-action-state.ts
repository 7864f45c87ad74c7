import { usePathname } from "next/navigation";
import { useActionState } from "react";

/**
 * useActionState with the page's own path as its permalink. A form bound to a server action
 * is then rendered with `action="/the/page"` for submitting before (or without) JavaScript,
 * where React would otherwise write `action=""`, which is not valid HTML.
 */
export function usePageActionState<State, Payload>(
  action: (state: Awaited<State>, payload: Payload) => State | Promise<State>,
  initialState: Awaited<State>,
) {
  return useActionState(action, initialState, usePathname());
}
