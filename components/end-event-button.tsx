"use client";

import { useState, useTransition } from "react";
import { endEventAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { Dialog } from "./ui/dialog";

/** Ends the coverage for every reader, after asking. */
export function EndEventButton({ slug }: { slug: string }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const end = () => {
    startTransition(async () => {
      const result = await endEventAction(slug);
      setMessage(result.ok ? null : (result.message ?? "The event was not ended."));
    });
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => setAsking(true)}
        disabled={pending}
        className="rounded-md border border-stone-300 px-3 py-1 text-sm font-medium hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {pending ? "Ending…" : "End event"}
      </button>
      {asking && (
        <Dialog
          title="End the coverage?"
          confirmLabel="End coverage"
          destructive
          onConfirm={end}
          onClose={() => setAsking(false)}
        >
          <p className="text-sm text-stone-700 dark:text-stone-300">Readers’ pages stop updating.</p>
        </Dialog>
      )}
      {message && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </span>
      )}
    </span>
  );
}
