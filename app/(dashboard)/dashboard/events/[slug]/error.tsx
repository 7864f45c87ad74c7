"use client";

import { useRouter } from "next/navigation";
import { startTransition } from "react";
import { Button } from "@/components/ui/button";

/**
 * The console's last resort, for an error no leaf caught. What the editor was typing is
 * kept in this browser (see useLocalDraft), so trying again brings it back.
 */
export default function EventConsoleError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
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
      <h2 className="font-semibold">The console could not be shown.</h2>
      <p className="text-sm">The server did not answer as expected. Any unsent text is kept in this browser.</p>
      <Button type="button" onClick={retry}>
        Try again
      </Button>
    </div>
  );
}
