import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";
import { imageMarkdown } from "@/lib/shared/image-markdown";
import { uploadUrl } from "./upload-url";

export type ShelfImage = {
  id: string;
  url: string;
  width: number;
  height: number;
  alt: string | null;
  caption: string | null;
  credit: string | null;
  createdAt: string;
  /** What choosing it puts in a post: the image with its stored alt, caption and credit. */
  markdown: string;
};

/** The most a shelf shows at once: the newest. */
export const shelfSize = 100;

/**
 * An event's media shelf: the images uploaded for it, newest first. Members who write
 * posts (contributors too) may see it; nobody else.
 */
export async function listUploads(actor: Actor, eventId: string): Promise<ShelfImage[]> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
  const rows = await db.upload.findMany({
    where: { eventId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: shelfSize,
    select: { id: true, key: true, width: true, height: true, alt: true, caption: true, credit: true, createdAt: true },
  });
  return rows.map(({ key, createdAt, ...row }) => {
    const url = uploadUrl(key);
    return { ...row, url, createdAt: createdAt.toISOString(), markdown: imageMarkdown(url, row) };
  });
}
