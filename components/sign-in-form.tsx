"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { rateLimitedSignInWait, tooManySignInsMessage } from "@/lib/shared/sign-in-error";
import { Button } from "./ui/button";
import { TextField } from "./ui/field";

type Props = {
  callbackUrl: string;
  /** next-auth's CSRF token (proxy.ts), so the form signs in before or without its script. */
  csrfToken: string | null;
  /** Why the last sign-in without JavaScript was refused (next-auth's redirect said). */
  refused: string | null;
};

export function SignInForm({ callbackUrl, csrfToken, refused }: Props) {
  const t = useTranslations("newsroom.signIn");
  const router = useRouter();
  const [error, setError] = useState<string | null>(refused);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const form = new FormData(event.currentTarget);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    setPending(false);
    if (!result?.ok) {
      const wait = rateLimitedSignInWait(result?.error);
      // The same words whether the email is unknown or the password wrong.
      setError(wait ? tooManySignInsMessage(wait) : t("mismatch"));
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  return (
    // Sent before the page's script has loaded (or without one), the form POSTs to
    // next-auth's credentials callback with its CSRF token: it signs in, and a password
    // never goes into a URL.
    <form method="post" action="/api/auth/callback/credentials" onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      {csrfToken && <input type="hidden" name="csrfToken" value={csrfToken} />}
      <TextField label={t("email")} name="email" type="email" autoComplete="email" required />
      <TextField label={t("password")} name="password" type="password" autoComplete="current-password" required />
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? t("signingIn") : t("submit")}
      </Button>
    </form>
  );
}
