import "server-only";
import { db, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { notifyDesk } from "@/lib/presence/notify-desk";
import { makePublic } from "./make-public";

/**
 * Publishes scheduled posts whose time has come. Every server process runs this every
 * few seconds (lib/posts/scheduler.ts); FOR UPDATE SKIP LOCKED hands each due post to
 * exactly one of them, and the status check makes a second pass a no-op.
 */
export async function publishDuePosts(now = new Date(), limit = 20): Promise<number> {
  let published = 0;
  for (let i = 0; i < limit; i++) {
    const done = await db.$transaction(async (tx) => {
      // Only the earliest scheduled post of its event: while another process holds that
      // one, this one must not publish the next, or the two would get their change numbers
      // (and reach readers) out of time order.
      const [due] = await tx.$queryRaw<{ id: string; eventId: string }[]>`
        SELECT p."id", p."eventId" FROM "Post" p
        WHERE p."status" = 'SCHEDULED' AND p."scheduledFor" <= ${now}
          AND NOT EXISTS (
            SELECT 1 FROM "Post" q
            WHERE q."eventId" = p."eventId" AND q."status" = 'SCHEDULED'
              AND (q."scheduledFor", q."id") < (p."scheduledFor", p."id"))
        ORDER BY p."scheduledFor", p."id" LIMIT 1
        FOR UPDATE OF p SKIP LOCKED`;
      if (!due) return null;
      // The desk's kept-back list loses it either way (published, or back to a draft).
      await notifyDesk(due.eventId, tx);
      try {
        await makePublic(tx, due.eventId, due.id);
        return true;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        // The coverage ended before its time: keep it as a draft, and say why.
        await tx.post.update({
          where: { id: due.id },
          data: { status: "DRAFT", scheduledFor: null, reviewNote: `Not published: ${error.message}` },
        });
        return false;
      }
    }, writeTransaction);
    if (done === null) break;
    if (done) published++;
  }
  return published;
}
