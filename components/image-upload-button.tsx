"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { insertAtCursor } from "@/lib/client/insert-at-cursor";
import { acceptedImageTypes, uploadImageFile, type ImageDetails } from "@/lib/client/upload-image-file";
import { Dialog } from "./ui/dialog";
import { inputClass } from "./ui/field";

/**
 * "Add image": once a file is chosen, a dialog asks what it shows (alt text, or "decorative"),
 * its caption and its credit; then the file is uploaded to the event and the returned
 * Markdown (lib/shared/image-markdown.ts) goes at the cursor of the textarea `#<targetId>`,
 * on a line of its own. Cancelling the dialog uploads nothing. The server decides what is
 * an image; the checks here only spare a pointless upload.
 */
export function ImageUploadButton({ slug, targetId = "body" }: { slug: string; targetId?: string }) {
  const t = useTranslations("newsroom.images");
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<File | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");

  async function upload(file: File, details: ImageDetails) {
    setError("");
    setPending(true);
    const result = await uploadImageFile(slug, file, details);
    setPending(false);
    if (result.ok) insertAtCursor(targetId, result.markdown);
    else setError(result.error);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <input
        ref={input}
        type="file"
        accept={acceptedImageTypes}
        className="sr-only"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) setChosen(file);
        }}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={pending}
        aria-busy={pending || undefined}
        className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-50 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {pending ? t("uploading") : t("add")}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {chosen && (
        <ImageDetailsDialog
          fileName={chosen.name}
          onConfirm={(details) => void upload(chosen, details)}
          onClose={() => setChosen(null)}
        />
      )}
    </span>
  );
}

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value.trim() : "";
};

/** Asks for an image's alt text (or that it is decorative), caption and credit. */
function ImageDetailsDialog({
  fileName,
  onConfirm,
  onClose,
}: {
  fileName: string;
  onConfirm: (details: ImageDetails) => void;
  onClose: () => void;
}) {
  const t = useTranslations("newsroom.images");
  const [decorative, setDecorative] = useState(false);
  return (
    <Dialog
      title={t("describe")}
      confirmLabel={t("uploadAndInsert")}
      cancelLabel={t("cancel")}
      onClose={onClose}
      onConfirm={(form) =>
        onConfirm({
          alt: decorative ? "" : text(form, "alt"),
          decorative,
          caption: text(form, "caption"),
          credit: text(form, "credit"),
        })
      }
    >
      <p className="text-sm break-all text-stone-600 dark:text-stone-400">{fileName}</p>
      <div className="space-y-1">
        <label htmlFor="image-alt" className="block text-sm font-medium">
          {t("alt")}
        </label>
        <textarea
          id="image-alt"
          name="alt"
          rows={2}
          maxLength={500}
          disabled={decorative}
          aria-describedby="image-alt-hint"
          className={`${inputClass} disabled:opacity-60`}
        />
        <p id="image-alt-hint" className="text-xs text-stone-500 dark:text-stone-400">
          {t("altHint")}
        </p>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={decorative} onChange={(e) => setDecorative(e.currentTarget.checked)} />
          {t("decorative")}
        </label>
      </div>
      <div className="space-y-1">
        <label htmlFor="image-caption" className="block text-sm font-medium">
          {t("caption")}
        </label>
        <input id="image-caption" name="caption" maxLength={500} className={inputClass} />
      </div>
      <div className="space-y-1">
        <label htmlFor="image-credit" className="block text-sm font-medium">
          {t("credit")}
        </label>
        <input
          id="image-credit"
          name="credit"
          maxLength={200}
          placeholder={t("creditPlaceholder")}
          className={inputClass}
        />
      </div>
    </Dialog>
  );
}
