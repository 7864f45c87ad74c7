import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { requireRole } from "@/lib/events/require-role";

export type KeptBack = {
  id: string;
  headline: string | null;
  html: string;
  scheduledFor: Date | null;
  note: string | null;
  authorName: string;
  /** The poll it will be published with, if any. */
  poll: { question: string; options: string[] } | null;
};

/** The desk's drafts and scheduled posts for an event, whoever wrote them: next due first. */
export async function listKeptBack(actor: Actor, eventId: string): Promise<KeptBack[]> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR"]);
  const rows = await db.post.findMany({
    // Never submitted: a contributor's post sent back is a draft too, but it is theirs to fix.
    where: { eventId, status: { in: ["DRAFT", "SCHEDULED"] }, submittedAt: null },
    orderBy: [{ scheduledFor: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    take: 50,
    select: {
      id: true,
      headline: true,
      bodyHtml: true,
      scheduledFor: true,
      reviewNote: true,
      author: { select: { name: true } },
      poll: { select: { question: true, options: { select: { label: true }, orderBy: { position: "asc" } } } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    html: r.bodyHtml,
    scheduledFor: r.scheduledFor,
    note: r.reviewNote,
    authorName: r.author.name,
    poll: r.poll && { question: r.poll.question, options: r.poll.options.map((o) => o.label) },
  }));
}
