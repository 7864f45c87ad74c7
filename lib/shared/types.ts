// What readers receive: the server page, the SSE stream and the polling API share these.

export type PostView = {
  id: string;
  headline: string | null;
  html: string;
  authorName: string;
  publishedAt: string; // ISO 8601
  editedAt: string | null;
  pinned: boolean;
  keyLabel: string | null;
};

/** SSE `event:` names; the same strings are the change types stored in Postgres. */
export type ChangeKind = "post.published" | "post.updated" | "post.deleted" | "event.updated" | "ended";

/** The `data:` of one change. */
export type ChangeData = { post?: PostView; postId?: string };

export type ChangeMessage = ChangeData & { seq: number; type: ChangeKind };
