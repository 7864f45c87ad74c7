"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { signUpAction } from "@/app/(auth)/sign-up/actions";
import type { ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextField } from "./ui/field";

export function SignUpForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("newsroom.signUp");
  const router = useRouter();
  const [state, setState] = useState<ActionState>({ ok: false });
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    const form = new FormData(event.currentTarget);
    const result = await signUpAction(form);
    if (!result.ok) {
      setState(result);
      setPending(false);
      return;
    }
    const signedIn = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    if (!signedIn?.ok) {
      setState({ ok: false, message: t("signInFailed") });
      setPending(false);
      return;
    }
    router.push(callbackUrl);
    router.refresh();
  }

  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={submit} className="mt-6 space-y-4" noValidate>
      <TextField
        label={t("name")}
        name="name"
        errors={errors.name}
        hint={t("nameHint")}
        autoComplete="name"
        required
        maxLength={limits.name}
        defaultValue={state.values?.name}
      />
      <TextField
        label={t("email")}
        name="email"
        errors={errors.email}
        type="email"
        autoComplete="email"
        required
        maxLength={limits.email}
        defaultValue={state.values?.email}
      />
      <TextField
        label={t("password")}
        name="password"
        errors={errors.password}
        hint={t("passwordHint", { min: limits.passwordMin })}
        type="password"
        autoComplete="new-password"
        required
        minLength={limits.passwordMin}
        maxLength={limits.passwordMax}
      />
      {state.message && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.message}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? t("creating") : t("submit")}
      </Button>
    </form>
  );
}
