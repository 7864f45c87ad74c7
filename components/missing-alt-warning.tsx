"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { decorativeAlt, imagesWithoutAlt } from "@/lib/shared/image-markdown";
import { Dialog } from "./ui/dialog";

/**
 * Before a post with an undescribed image is sent (published, sent for review, saved), a
 * warning: "Add a description" goes back to the text, "<verb> anyway" sends it as it is.
 * `check(event)` in the form's onSubmit: true when it stopped the submission to ask; the
 * confirmed resubmission (same submitter) then passes once. Images marked decorative pass.
 */
export function useMissingAltWarning(anywayLabel: string) {
  const t = useTranslations("newsroom.images");
  const [count, setCount] = useState(0);
  const resend = useRef<(() => void) | null>(null);
  const confirmed = useRef(false);
  const textarea = useRef<HTMLTextAreaElement | null>(null);

  function check(event: React.FormEvent<HTMLFormElement>): boolean {
    if (confirmed.current) {
      confirmed.current = false;
      return false;
    }
    const form = event.currentTarget;
    const body = form.elements.namedItem("body");
    const missing = body instanceof HTMLTextAreaElement ? imagesWithoutAlt(body.value).length : 0;
    if (missing === 0) return false;
    event.preventDefault();
    textarea.current = body as HTMLTextAreaElement;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    resend.current = () => {
      confirmed.current = true;
      form.requestSubmit(submitter instanceof HTMLButtonElement ? submitter : null);
    };
    setCount(missing);
    return true;
  }

  const dialog = count > 0 && (
    <Dialog
      title={t("missing", { count })}
      confirmLabel={anywayLabel}
      cancelLabel={t("addDescription")}
      onConfirm={() => {
        const send = resend.current;
        resend.current = null;
        // After the dialog has closed, so that focus and the form are the page's again.
        if (send) setTimeout(send, 0);
      }}
      onClose={() => {
        setCount(0);
        // "Add a description": the cursor goes where the first one is missing.
        if (resend.current && textarea.current) placeCursorInEmptyAlt(textarea.current);
        resend.current = null;
      }}
    >
      <p className="text-sm text-stone-700 dark:text-stone-300">
        {t.rich("missingHelp", { marker: decorativeAlt, code: (chunks) => <code>{chunks}</code> })}
      </p>
    </Dialog>
  );
  return { dialog, check };
}

/** Focuses the post's text with the cursor between the brackets of its first empty `![]`. */
function placeCursorInEmptyAlt(textarea: HTMLTextAreaElement) {
  const at = /!\[\s*\]/.exec(textarea.value);
  textarea.focus();
  if (at) textarea.setSelectionRange(at.index + 2, at.index + 2);
}
