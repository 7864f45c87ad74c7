import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";

/** A post waiting for review (or sent back), as the console shows it. Dates are ISO 8601. */
export type Submission = {
  id: string;
  status: "DRAFT" | "SUBMITTED";
  headline: string | null;
  body: string;
  html: string;
  authorName: string;
  submittedAt: string | null;
  reviewNote: string | null;
  version: number;
};

const select = {
  id: true,
  status: true,
  headline: true,
  bodyMarkdown: true,
  bodyHtml: true,
  submittedAt: true,
  reviewNote: true,
  version: true,
  author: { select: { name: true } },
} as const;

type Row = {
  id: string;
  status: string;
  headline: string | null;
  bodyMarkdown: string;
  bodyHtml: string;
  submittedAt: Date | null;
  reviewNote: string | null;
  version: number;
  author: { name: string };
};

function toSubmission(row: Row): Submission {
  return {
    id: row.id,
    status: row.status === "DRAFT" ? "DRAFT" : "SUBMITTED",
    headline: row.headline,
    body: row.bodyMarkdown,
    html: row.bodyHtml,
    authorName: row.author.name,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    reviewNote: row.reviewNote,
    version: row.version,
  };
}

const queueSize = 100;

/** The editors' queue: submitted posts, newest first. OWNER and EDITOR only. */
export async function listSubmissions(actor: Actor, eventId: string): Promise<Submission[]> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR"]);
  const rows = await db.post.findMany({
    where: { eventId, status: "SUBMITTED" },
    orderBy: [{ submittedAt: "desc" }, { id: "desc" }],
    take: queueSize,
    select,
  });
  return rows.map(toSubmission);
}

/** The signed-in member's own unpublished posts (drafts sent back, submissions), newest first. */
export async function listMyDrafts(actor: Actor, eventId: string): Promise<Submission[]> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR", "CONTRIBUTOR"]);
  const rows = await db.post.findMany({
    where: { eventId, authorId: actor.id, status: { in: ["DRAFT", "SUBMITTED"] } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: queueSize,
    select,
  });
  return rows.map(toSubmission);
}
