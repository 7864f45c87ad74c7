"use client";

import { useRef, useState } from "react";
import { acceptedImageTypes, uploadImageFile } from "@/lib/client/upload-image-file";

/**
 * "Add image": uploads the chosen file to the event and puts the returned Markdown at the
 * cursor of the textarea `#<targetId>`, on a line of its own. The server decides what is
 * an image; the checks here only spare a pointless upload.
 */
export function ImageUploadButton({ slug, targetId = "body" }: { slug: string; targetId?: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState("");

  async function upload(file: File) {
    setError("");
    setPending(true);
    const result = await uploadImageFile(slug, file);
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
          if (file) void upload(file);
        }}
      />
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={pending}
        aria-busy={pending || undefined}
        className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium hover:bg-stone-50 disabled:opacity-60 dark:border-stone-700 dark:hover:bg-stone-800"
      >
        {pending ? "Uploading…" : "Add image"}
      </button>
      {error && (
        <span role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </span>
      )}
    </span>
  );
}

/** Replaces the selection with `text` on its own line, as typing would (undo, input events). */
function insertAtCursor(id: string, text: string) {
  const textarea = document.getElementById(id);
  if (!(textarea instanceof HTMLTextAreaElement)) return;
  const { selectionStart: start, selectionEnd: end, value } = textarea;
  const before = start > 0 && value[start - 1] !== "\n" ? "\n\n" : "";
  const after = end < value.length && value[end] !== "\n" ? "\n\n" : "";
  textarea.focus();
  textarea.setRangeText(`${before}${text}${after}`, start, end, "end");
  textarea.dispatchEvent(new Event("input", { bubbles: true }));
}
