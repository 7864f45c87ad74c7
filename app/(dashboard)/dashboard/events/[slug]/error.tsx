"use client";

import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * The console's last resort, for an error no leaf caught. What the editor was typing is
 * kept in this browser (see useLocalDraft), so trying again brings it back.
 */
export default function EventConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("newsroom.console");
  const router = useRouter();
  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });
  return (
    <div
      role="alert"
      className="space-y-3 rounded-lg border border-red-200 bg-white p-5 dark:border-red-900 dark:bg-stone-900"
    >
      <h2 className="font-semibold">{t("errorTitle")}</h2>
      <p className="text-sm">{t("errorBody")}</p>
      <Button type="button" onClick={retry}>
        {t("tryAgain")}
      </Button>
    </div>
  );
}
