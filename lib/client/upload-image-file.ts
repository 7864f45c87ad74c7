import { limits } from "@/lib/shared/limits";

export type UploadResult = { ok: true; key: string; url: string; markdown: string } | { ok: false; error: string };

/** The image types the server stores (it checks the bytes; this only spares a pointless upload). */
export const acceptedImageTypes = "image/jpeg,image/png,image/gif,image/webp";

/** Uploads an image for the event through POST /api/events/<slug>/uploads; never throws. */
export async function uploadImageFile(slug: string, file: File): Promise<UploadResult> {
  if (file.size > limits.uploadBytes) {
    return { ok: false, error: `That image is too large: the limit is ${limits.uploadBytes / (1024 * 1024)} MiB.` };
  }
  try {
    const form = new FormData();
    form.set("file", file);
    const response = await fetch(`/api/events/${encodeURIComponent(slug)}/uploads`, { method: "POST", body: form });
    type Answer = { key?: string; url?: string; markdown?: string; error?: string };
    const json = (await response.json().catch(() => ({}))) as Answer;
    if (!response.ok || !json.key || !json.url || !json.markdown) {
      return { ok: false, error: json.error ?? `The upload failed (${response.status}).` };
    }
    return { ok: true, key: json.key, url: json.url, markdown: json.markdown };
  } catch {
    return { ok: false, error: "The upload failed: check your connection and try again." };
  }
}
