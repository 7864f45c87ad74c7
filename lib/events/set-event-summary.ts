import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ValidationError } from "@/lib/errors";
import { renderMarkdown } from "@/lib/posts/render-markdown";
import { appendChange } from "@/lib/realtime/notify";
import { eventSummarySchema, fieldErrors, type EventSummaryInput } from "@/lib/shared/validation";
import { eventViewSelect, toEventView } from "./event-view";
import { requireRole } from "./require-role";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

/**
 * Owners and editors set the event's "Key points", pinned above the feed, or clear them
 * with "". The HTML is rendered and sanitized here, once, with the posts' renderer; readers
 * get it in `event.updated`, live and on resuming from the change log.
 */
export async function setEventSummary(
  actor: Actor,
  eventId: string,
  // Anything from a form or a request: validated here.
  input: Partial<Record<keyof EventSummaryInput, unknown>>,
  now: Date = new Date(),
): Promise<{ seq: number; summaryHtml: string }> {
  const parsed = eventSummarySchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The key points were not saved.", fieldErrors(parsed.error));
  const markdown = parsed.data.summary;
  const html = markdown ? renderMarkdown(markdown, await imageSizesIn(markdown)) : "";
  return db.$transaction(async (tx) => {
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx);
    const row = await tx.event.update({
      where: { id: eventId },
      data: { summaryMarkdown: markdown, summaryHtml: html, summaryUpdatedAt: now },
      select: eventViewSelect,
    });
    // Refuses an ended event (under the row lock), which rolls the update back too.
    const seq = await appendChange(tx, eventId, { type: "event.updated", data: { event: toEventView(row) } });
    return { seq, summaryHtml: html };
  }, writeTransaction);
}
