import type { Locale } from "@/lib/i18n/locales";
import type { PollView } from "./polls";
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
  /** The post's poll, if it has one (absent otherwise). */
  poll?: PollView;
};

/** SSE `event:` names; the same strings are the change types stored in Postgres. */
export type ChangeKind = "post.published" | "post.updated" | "post.deleted" | "event.updated" | "ended";

/** An event's public settings, as readers receive them when they change. */
export type EventView = {
  title: string;
  description: string;
  status: "DRAFT" | "SCHEDULED" | "LIVE" | "ENDED";
  startsAt: string | null; // ISO 8601
  order: "NEWEST_FIRST" | "OLDEST_FIRST";
  timeZone: string;
  /** The readers' language (lib/i18n/locales.ts). */
  language: Locale;
  /** The event's cover image (served by /api/uploads), or null. */
  coverImageUrl: string | null;
  /** Whether readers may send the desk a question. */
  questionsOpen: boolean;
  /** The "Key points" above the feed, sanitized HTML ("" when there are none). */
  summaryHtml: string;
  /** When the key points last changed (ISO 8601), or null. */
  summaryUpdatedAt: string | null;
};

/** The `data:` of one change. */
export type ChangeData = { post?: PostView; postId?: string; event?: EventView };

export type ChangeMessage = ChangeData & { seq: number; type: ChangeKind };

/** A key event in the reader's timeline: a jump link to the post. */
export type KeyEventView = { id: string; label: string; publishedAt: string };
