"use client";

import { useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";

const confirmClass = "rounded-md bg-brand px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-brand-strong";
const destructiveClass = "rounded-md bg-red-700 px-4 py-2 text-sm font-semibold text-white shadow-sm hover:bg-red-800";

type Props = {
  title: string;
  /** The confirming button's words ("Delete", "Mark"). */
  confirmLabel: string;
  /** The other button's, from the page's catalogue (a reader's page or the newsroom's). */
  cancelLabel: string;
  /** With the form's fields, when the person confirms (the button, or Enter in a field). */
  onConfirm: (form: FormData) => void;
  /** After it closes, however it closed (confirmed, Cancel, Escape): unmount it then. */
  onClose: () => void;
  destructive?: boolean;
  children: React.ReactNode;
};

/**
 * A modal question, in place of window.confirm and window.prompt: a native <dialog> opened
 * when it mounts. Focus goes to its first control (Cancel for a question, the field for a
 * prompt), Escape closes it, and focus returns to what had it before (the trigger).
 */
export function Dialog({ title, confirmLabel, cancelLabel, onConfirm, onClose, destructive, children }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  const id = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element || element.open) return;
    returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
  }, []);

  // In document.body, and its events kept to itself: a dialog opened from inside a form
  // (the composer's image buttons) must not nest its form in that one, nor submit it.
  if (typeof document === "undefined") return null;
  return createPortal(
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      onSubmit={stop}
      onKeyDown={stop}
      onInput={stop}
      onChange={stop}
      onClose={() => {
        returnTo.current?.focus();
        onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg border border-stone-200 bg-white p-5 text-stone-900 shadow-xl backdrop:bg-stone-950/50 dark:border-stone-700 dark:bg-stone-900 dark:text-stone-100"
    >
      {/* method="dialog": submitting closes the dialog, after onSubmit has read the fields. */}
      <form method="dialog" onSubmit={(event) => onConfirm(new FormData(event.currentTarget))} className="space-y-4">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {children}
        <div className="flex justify-end gap-3">
          {/* Not a submit button: Enter in a field confirms, as the form's first submit button. */}
          <button
            type="button"
            onClick={() => dialog.current?.close()}
            className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium dark:border-stone-700"
          >
            {cancelLabel}
          </button>
          <button type="submit" className={destructive ? destructiveClass : confirmClass}>
            {confirmLabel}
          </button>
        </div>
      </form>
    </dialog>,
    document.body,
  );
}

const stop = (event: React.SyntheticEvent) => event.stopPropagation();
