import "server-only";
import { db } from "@/lib/db";
import { isStorageKey } from "@/lib/storage/storage";
import type { ImageSizes } from "@/lib/posts/render-markdown";
import { uploadUrlPrefix } from "./upload-url";

const uploadReference = new RegExp(`${uploadUrlPrefix.replace(/\//g, "\\/")}([A-Za-z0-9_/.-]+)`, "g");
/** More images than this in one post: the rest render without a size (no page has that many). */
const maxLookups = 50;

/**
 * The stored width and height of every image uploaded here that `markdown` shows, by
 * storage key, so the rendered <img> reserves its space before it loads (no layout shift
 * when a reader's feed fills with photos). Text without uploads asks nothing.
 */
export async function imageSizesIn(markdown: string): Promise<ImageSizes> {
  const keys = [...new Set([...markdown.matchAll(uploadReference)].map((match) => match[1]!))]
    .filter(isStorageKey)
    .slice(0, maxLookups);
  if (keys.length === 0) return new Map();
  const uploads = await db.upload.findMany({
    where: { key: { in: keys } },
    select: { key: true, width: true, height: true },
  });
  return new Map(uploads.map(({ key, width, height }) => [key, { width, height }]));
}
