"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";

type Props = {
  className?: string;
  /** Its words, from the page's catalogue: the newsroom's header or a reader's page header. */
  words: { submit: string; pending: string };
};

/**
 * Signs out and goes to the home page. Without JavaScript the form opens next-auth's own
 * sign-out page (GET), which asks to confirm with its CSRF token.
 */
export function SignOutButton({ className = "", words }: Props) {
  const [pending, setPending] = useState(false);
  return (
    <form
      action="/api/auth/signout"
      method="get"
      onSubmit={(event) => {
        event.preventDefault();
        setPending(true);
        // next-auth posts /api/auth/signout with the CSRF token, then navigates.
        void signOut({ callbackUrl: "/" });
      }}
    >
      <input type="hidden" name="callbackUrl" value="/" />
      <button type="submit" disabled={pending} aria-busy={pending || undefined} className={className}>
        {pending ? words.pending : words.submit}
      </button>
    </form>
  );
}
