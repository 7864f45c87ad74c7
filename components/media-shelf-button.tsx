"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { insertAtCursor } from "@/lib/client/insert-at-cursor";
import { fetchShelf, type ShelfImage } from "@/lib/client/upload-image-file";
import { Dialog } from "./ui/dialog";

/**
 * "Media": the event's media shelf, the images already uploaded for it, newest first.
 * Choosing one puts it at the cursor of the textarea `#<targetId>` with the alt text,
 * caption and credit it was uploaded with.
 */
export function MediaShelfButton({ slug, targetId = "body" }: { slug: string; targetId?: string }) {
  const t = useTranslations("newsroom.images");
  const [images, setImages] = useState<ShelfImage[] | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");

  async function open() {
    setError("");
    setPending(true);
    const result = await fetchShelf(slug);
    setPending(false);
    if (result.ok) setImages(result.images);
    else setError(result.error);
  }

  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        onClick={() => void open()}
        disabled={pending}
        aria-busy={pending || undefined}
        aria-haspopup="dialog"
        className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-50 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {t("media")}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
      {images && (
        <Dialog
          title={t("shelf")}
          confirmLabel={t("insert")}
          cancelLabel={t("cancel")}
          onClose={() => setImages(null)}
          onConfirm={(form) => {
            const chosen = images.find((image) => image.id === form.get("image"));
            if (chosen) insertAtCursor(targetId, chosen.markdown);
          }}
        >
          {images.length === 0 ? (
            <p className="text-sm text-stone-700 dark:text-stone-300">{t("shelfEmpty")}</p>
          ) : (
            <fieldset>
              <legend className="sr-only">{t("choose")}</legend>
              <div className="grid max-h-[60vh] grid-cols-3 gap-2 overflow-y-auto p-1">
                {images.map((image, index) => (
                  <label
                    key={image.id}
                    className="relative block cursor-pointer rounded-md border border-stone-200 p-1 has-[:checked]:border-brand has-[:checked]:ring-2 has-[:checked]:ring-brand dark:border-stone-700"
                  >
                    <input
                      type="radio"
                      name="image"
                      value={image.id}
                      required
                      defaultChecked={index === 0}
                      className="absolute top-2 left-2"
                      aria-label={image.alt ? undefined : describeUnlabelled(image, t)}
                    />
                    {/* The alt text names the choice, as it will describe the image in the post. */}
                    {/* eslint-disable-next-line @next/next/no-img-element -- an upload of any size, shown small */}
                    <img
                      src={image.url}
                      alt={image.alt ?? ""}
                      width={image.width}
                      height={image.height}
                      loading="lazy"
                      className="aspect-square w-full object-cover"
                    />
                    {image.caption && <span className="mt-1 line-clamp-2 block text-xs">{image.caption}</span>}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
        </Dialog>
      )}
    </span>
  );
}

/** A choice needs a name even when its image has no description. */
function describeUnlabelled(image: ShelfImage, t: ReturnType<typeof useTranslations<"newsroom.images">>): string {
  const what = image.alt === "" ? t("decorativeImage") : t("undescribed");
  return image.caption ? t("withCaption", { what, caption: image.caption }) : what;
}
