"use client";

import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { changePasswordAction } from "@/app/(dashboard)/dashboard/account/actions";
import { idle, type ActionState } from "@/lib/shared/action-state";
import { limits } from "@/lib/shared/limits";
import { Button } from "./ui/button";
import { TextField } from "./ui/field";

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("newsroom.account");
  const router = useRouter();
  const [state, setState] = useState<ActionState>(idle);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    setPending(true);
    const form = new FormData(formElement);
    const result = await changePasswordAction(idle, form);
    // The change ended this session too (its version is old): sign in with the new password.
    if (result.ok) {
      const signedIn = await signIn("credentials", { email, password: form.get("newPassword"), redirect: false });
      if (!signedIn?.ok) {
        router.push("/sign-in?callbackUrl=%2Fdashboard%2Faccount");
        return;
      }
      formElement.reset();
      router.refresh();
    }
    setState(result);
    setPending(false);
  }

  const errors = state.fieldErrors ?? {};
  return (
    <form onSubmit={submit} className="mt-4 space-y-4" noValidate>
      <TextField
        label={t("current")}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        errors={errors.currentPassword}
        required
        maxLength={limits.passwordMax}
      />
      <TextField
        label={t("new")}
        name="newPassword"
        type="password"
        autoComplete="new-password"
        hint={t("newHint", { min: limits.passwordMin })}
        errors={errors.newPassword}
        required
        minLength={limits.passwordMin}
        maxLength={limits.passwordMax}
      />
      {state.message && (
        <p
          role={state.ok ? "status" : "alert"}
          className={state.ok ? "text-sm" : "text-sm text-red-700 dark:text-red-400"}
        >
          {state.message}
        </p>
      )}
      <Button type="submit" pending={pending} className="w-full">
        {pending ? t("changing") : t("submit")}
      </Button>
    </form>
  );
}
