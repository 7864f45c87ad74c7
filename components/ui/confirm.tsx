"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "./dialog";

export type Question = {
  title: string;
  /** What happens, in a sentence under the question. */
  detail?: string;
  confirmLabel: string;
  destructive?: boolean;
  onConfirm: () => void;
};

/**
 * An accessible "Are you sure?" in place of window.confirm: `ask(question)` opens it, and
 * `dialog` is rendered where the component wants it (it is modal wherever it sits).
 */
export function useConfirm() {
  const t = useTranslations("newsroom.dialog");
  const [question, ask] = useState<Question | null>(null);
  const dialog = question && (
    <Dialog
      title={question.title}
      confirmLabel={question.confirmLabel}
      cancelLabel={t("cancel")}
      destructive={question.destructive}
      onConfirm={() => question.onConfirm()}
      onClose={() => ask(null)}
    >
      {question.detail && <p className="text-sm text-stone-700 dark:text-stone-300">{question.detail}</p>}
    </Dialog>
  );
  return { dialog, ask };
}
