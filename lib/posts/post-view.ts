import "server-only";
import type { PostView } from "@/lib/shared/types";

/** The columns a reader's view of a post needs; select exactly these. */
export const postViewSelect = {
  id: true,
  headline: true,
  bodyHtml: true,
  publishedAt: true,
  createdAt: true,
  editedAt: true,
  pinned: true,
  keyLabel: true,
  author: { select: { name: true } },
} as const;

type PostRow = {
  id: string;
  headline: string | null;
  bodyHtml: string;
  publishedAt: Date | null;
  createdAt: Date;
  editedAt: Date | null;
  pinned: boolean;
  keyLabel: string | null;
  author: { name: string };
};

export function toPostView(row: PostRow): PostView {
  return {
    id: row.id,
    headline: row.headline,
    html: row.bodyHtml,
    authorName: row.author.name,
    publishedAt: (row.publishedAt ?? row.createdAt).toISOString(),
    editedAt: row.editedAt?.toISOString() ?? null,
    pinned: row.pinned,
    keyLabel: row.keyLabel,
  };
}
