import { limits } from "@/lib/shared/limits";

export type UploadResult = { ok: true; key: string; url: string; markdown: string } | { ok: false; error: string };

/** The image types the server stores (it checks the bytes; this only spares a pointless upload). */
export const acceptedImageTypes = "image/jpeg,image/png,image/gif,image/webp";

/** What the uploader says about the image (lib/shared/image-markdown.ts); all optional. */
export type ImageDetails = { alt?: string; caption?: string; credit?: string; decorative?: boolean };

/** Uploads an image for the event through POST /api/events/<slug>/uploads; never throws. */
export async function uploadImageFile(slug: string, file: File, details: ImageDetails = {}): Promise<UploadResult> {
  if (file.size > limits.uploadBytes) {
    return { ok: false, error: `That image is too large: the limit is ${limits.uploadBytes / (1024 * 1024)} MiB.` };
  }
  try {
    const form = new FormData();
    form.set("file", file);
    for (const name of ["alt", "caption", "credit"] as const) if (details[name]) form.set(name, details[name]);
    if (details.decorative) form.set("decorative", "on");
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

/** An image on the event's media shelf (lib/uploads/list-uploads.ts), as GET …/uploads answers it. */
export type ShelfImage = {
  id: string;
  url: string;
  width: number;
  height: number;
  alt: string | null;
  caption: string | null;
  markdown: string;
};

/** The event's media shelf, newest first; never throws. */
export async function fetchShelf(
  slug: string,
): Promise<{ ok: true; images: ShelfImage[] } | { ok: false; error: string }> {
  try {
    const response = await fetch(`/api/events/${encodeURIComponent(slug)}/uploads`, { cache: "no-store" });
    const json = (await response.json().catch(() => ({}))) as { images?: ShelfImage[]; error?: string };
    if (!response.ok || !json.images)
      return { ok: false, error: json.error ?? `The media shelf could not be loaded (${response.status}).` };
    return { ok: true, images: json.images };
  } catch {
    return { ok: false, error: "The media shelf could not be loaded: check your connection and try again." };
  }
}
