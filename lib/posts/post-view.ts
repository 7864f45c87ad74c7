import "server-only";
import type { PostView } from "@/lib/shared/types";

/** The post's own columns in a reader's view of it (what an insert can return). */
export const postColumnsSelect = {
  id: true,
  headline: true,
  bodyHtml: true,
  publishedAt: true,
  createdAt: true,
  editedAt: true,
  pinned: true,
  keyLabel: true,
} as const;

/** The columns a reader's view of a post needs; select exactly these. */
export const postViewSelect = {
  ...postColumnsSelect,
  author: { select: { name: true } },
  poll: {
    select: {
      id: true,
      question: true,
      closesAt: true,
      closedAt: true,
      options: { select: { id: true, label: true }, orderBy: { position: "asc" } },
    },
  },
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
  poll?: {
    id: string;
    question: string;
    closesAt: Date | null;
    closedAt: Date | null;
    options: { id: string; label: string }[];
  } | null;
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
    ...(row.poll && {
      poll: {
        id: row.poll.id,
        question: row.poll.question,
        options: row.poll.options,
        closesAt: row.poll.closesAt?.toISOString() ?? null,
        closedAt: row.poll.closedAt?.toISOString() ?? null,
      },
    }),
  };
}
