"use client";

import { useState, useTransition } from "react";
import { endEventAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { useConfirm } from "./ui/confirm";

/** Ends the coverage for every reader, after asking. */
export function EndEventButton({ slug }: { slug: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const { dialog, ask } = useConfirm();
  const end = () =>
    ask({
      title: "End the coverage?",
      detail: "Readers' pages stop updating. You can reopen it later.",
      confirmLabel: "End event",
      destructive: true,
      onConfirm: () =>
        startTransition(async () => {
          const result = await endEventAction(slug);
          setMessage(result.ok ? null : (result.message ?? "The event was not ended."));
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
        {pending ? "Ending…" : "End event"}
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
