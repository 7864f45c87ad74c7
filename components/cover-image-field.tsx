"use client";

import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { acceptedImageTypes, uploadImageFile } from "@/lib/client/upload-image-file";
import { uploadUrl } from "@/lib/uploads/upload-url";

type Props = { slug: string; initialKey: string; errors?: string[] };

/**
 * The event's cover image in the settings form: upload (through the event's uploads
 * endpoint, which checks type and size) or remove, previewed here, saved with the rest of
 * the settings as the hidden `coverImageKey`.
 */
export function CoverImageField({ slug, initialKey, errors }: Props) {
  const t = useTranslations("newsroom.cover");
  const file = useRef<HTMLInputElement>(null);
  const [key, setKey] = useState(initialKey);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");

  async function upload(chosen: File) {
    setError("");
    setPending(true);
    const result = await uploadImageFile(slug, chosen);
    setPending(false);
    if (result.ok) setKey(result.key);
    else setError(result.error);
  }

  const problems = [error, ...(errors ?? [])].filter(Boolean);
  return (
    <fieldset className="space-y-2" aria-describedby="cover-hint">
      <legend className="text-sm font-medium">{t("legend")}</legend>
      <input type="hidden" name="coverImageKey" value={key} />
      {key ? (
        // Our own upload, served immutable by /api/uploads: nothing for an optimizer to do.
        // eslint-disable-next-line @next/next/no-img-element
        <img
          src={uploadUrl(key)}
          alt={t("preview")}
          className="aspect-[3/1] w-full rounded-md border border-stone-200 object-cover dark:border-stone-800"
        />
      ) : (
        <p className="text-sm text-stone-500 dark:text-stone-400">{t("none")}</p>
      )}
      <div className="flex items-center gap-3 text-sm">
        <input
          ref={file}
          type="file"
          accept={acceptedImageTypes}
          aria-label={t("file")}
          className="sr-only"
          tabIndex={-1}
          onChange={(e) => {
            const chosen = e.currentTarget.files?.[0];
            e.currentTarget.value = "";
            if (chosen) void upload(chosen);
          }}
        />
        <button
          type="button"
          onClick={() => file.current?.click()}
          disabled={pending}
          aria-busy={pending || undefined}
          className="rounded-md border border-stone-300 px-3 py-1.5 font-medium hover:bg-stone-50 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800"
        >
          {pending ? t("uploading") : key ? t("replace") : t("upload")}
        </button>
        {key && (
          <button type="button" onClick={() => setKey("")} disabled={pending} className="font-medium underline">
            {t("remove")}
          </button>
        )}
      </div>
      <p id="cover-hint" className="text-xs text-stone-500 dark:text-stone-400">
        {t("hint")}
      </p>
      {problems.length > 0 && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {problems.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
