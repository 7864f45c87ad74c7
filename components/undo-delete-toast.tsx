"use client";

import { useTranslations } from "next-intl";
import { useEffect, useState, useTransition } from "react";
import { restorePostAction } from "@/app/(dashboard)/dashboard/events/[slug]/actions";
import { clearDeletion, useRecentDeletion } from "@/lib/client/recent-deletion";

/** How long the offer stays: well over the 10 s an editor needs, well under the server's window. */
const offerMs = 30_000;

/** "Post deleted. Undo": shown after a delete in the console, a live region with an Undo button. */
export function UndoDeleteToast() {
  const t = useTranslations("newsroom.undoDelete");
  const deletion = useRecentDeletion();
  const [pending, startTransition] = useTransition();
  // A refusal, for the deletion it concerns (a newer deletion shows no stale message).
  const [refusal, setRefusal] = useState<{ postId: string; text: string } | null>(null);

  useEffect(() => {
    if (!deletion) return;
    const timer = setTimeout(() => clearDeletion(deletion.postId), offerMs);
    return () => clearTimeout(timer);
  }, [deletion]);

  const undo = () => {
    if (!deletion) return;
    startTransition(async () => {
      const result = await restorePostAction(deletion.postId);
      if (result.ok) clearDeletion(deletion.postId);
      else setRefusal({ postId: deletion.postId, text: result.message ?? t("notRestored") });
    });
  };

  return (
    <div role="status" aria-live="polite" className="fixed inset-x-0 bottom-4 z-40 flex justify-center px-4">
      {deletion && (
        <div className="flex items-center gap-4 rounded-md bg-stone-900 px-4 py-3 text-sm text-white shadow-lg dark:bg-stone-100 dark:text-stone-900">
          <span>{refusal?.postId === deletion.postId ? refusal.text : t("deleted")}</span>
          <button type="button" onClick={undo} disabled={pending} className="font-semibold underline">
            {pending ? t("restoring") : t("undo")}
          </button>
          <button
            type="button"
            onClick={() => clearDeletion(deletion.postId)}
            aria-label={t("dismiss")}
            className="px-1"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
