import { limits } from "./limits";

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "Apple Keynote: WWDC '26!" → "apple-keynote-wwdc-26" */
export function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, limits.slug)
    .replace(/-+$/, "");
}
