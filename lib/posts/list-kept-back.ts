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
};

/** An editor's own drafts and scheduled posts for an event, next due first. */
export async function listKeptBack(actor: Actor, eventId: string): Promise<KeptBack[]> {
  await requireRole(eventId, actor.id, ["OWNER", "EDITOR"]);
  const rows = await db.post.findMany({
    where: { eventId, authorId: actor.id, status: { in: ["DRAFT", "SCHEDULED"] } },
    orderBy: [{ scheduledFor: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    take: 50,
    select: { id: true, headline: true, bodyHtml: true, scheduledFor: true, reviewNote: true },
  });
  return rows.map((r) => ({
    id: r.id,
    headline: r.headline,
    html: r.bodyHtml,
    scheduledFor: r.scheduledFor,
    note: r.reviewNote,
  }));
}
