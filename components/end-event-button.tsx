"use client";

import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { endEventAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { useConfirm } from "./ui/confirm";

/** Ends the coverage for every reader, after asking. */
export function EndEventButton({ slug }: { slug: string }) {
  const t = useTranslations("newsroom.endEvent");
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { dialog, ask } = useConfirm();
  const end = () =>
    ask({
      title: t("title"),
      detail: t("detail"),
      confirmLabel: t("confirm"),
      destructive: true,
      onConfirm: () =>
        startTransition(async () => {
          const result = await endEventAction(slug);
          setMessage(result.ok ? null : (result.message ?? t("failed")));
        }),
    });
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={end}
        disabled={pending}
        className="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {pending ? t("ending") : t("button")}
      </button>
      {dialog}
      {message && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </span>
      )}
    </span>
  );
}
