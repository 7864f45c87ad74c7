"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useHydrated } from "@/lib/client/use-hydrated";
import { Dialog } from "./ui/dialog";
import { inputClass } from "./ui/field";

type Props = { path: string; title: string };

/** Shares a post's permalink: the system share sheet where there is one, else copies the link. */
export function ShareButton({ path, title }: Props) {
  const t = useTranslations("reader");
  const hydrated = useHydrated();
  const [copied, setCopied] = useState(false);
  // Where neither a share sheet nor the clipboard works: the link, selected, to copy by hand.
  const [manual, setManual] = useState<string | null>(null);
  if (!hydrated) return null; // nothing to click without JavaScript; the time is the permalink

  async function share() {
    const url = new URL(path, window.location.href).href;
    if (typeof navigator.share === "function") {
      try {
        return await navigator.share({ title, url });
      } catch (error) {
        if ((error as Error).name === "AbortError") return; // the reader closed the sheet
      }
    }
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setTimeout(() => setCopied(false), 2500);
    } catch {
      setManual(url);
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={share}
        className="rounded px-1.5 py-0.5 text-stone-600 hover:bg-stone-200/70 hover:text-stone-900 dark:text-stone-400 dark:hover:bg-stone-800 dark:hover:text-stone-100"
      >
        <span aria-live="polite">{copied ? t("linkCopied") : t("share")}</span>
      </button>
      {manual && (
        <Dialog
          title={t("copyLink")}
          confirmLabel={t("done")}
          cancelLabel={t("cancel")}
          onConfirm={() => {}}
          onClose={() => setManual(null)}
        >
          <input
            readOnly
            name="link"
            aria-label={t("linkToUpdate")}
            value={manual}
            onFocus={(event) => event.currentTarget.select()}
            className={inputClass}
          />
        </Dialog>
      )}
    </>
  );
}
