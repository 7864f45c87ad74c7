import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import { notifyDesk } from "@/lib/presence/notify-desk";
import { editPostSchema, fieldErrors, type EditPostInput } from "@/lib/shared/validation";
import { lockPost } from "./find-post";
import { renderMarkdown } from "./render-markdown";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

/**
 * An editor changes a draft or a scheduled post, anyone's on the desk: kept back is shared.
 * Readers see nothing (no change-log entry); every console's kept-back list follows through
 * the desk signal. The version check is editPost's: a save over someone else's newer one is
 * refused with their version, never silently lost.
 */
export async function editDraft(
  actor: Actor,
  postId: string,
  input: EditPostInput,
): Promise<{ id: string; version: number }> {
  const parsed = editPostSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The draft was not saved.", fieldErrors(parsed.error));
  const { body, headline, version } = parsed.data;
  const bodyHtml = renderMarkdown(body, await imageSizesIn(body));

  return db.$transaction(async (tx) => {
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    if (current.status !== "DRAFT" && current.status !== "SCHEDULED") {
      throw new ConflictError("This post is no longer kept back: it was published or deleted meanwhile.");
    }
    const { submittedAt } = await tx.post.findUniqueOrThrow({ where: { id: postId }, select: { submittedAt: true } });
    if (submittedAt) throw new ConflictError("This is a contributor's post, sent back to them: they change it.");
    if (current.version !== version) {
      const saved = await tx.post.findUniqueOrThrow({
        where: { id: postId },
        select: { headline: true, bodyMarkdown: true, version: true },
      });
      throw new ConflictError(
        "Someone else changed this draft while you were editing.",
        {},
        { headline: saved.headline, body: saved.bodyMarkdown, version: saved.version },
      );
    }
    await notifyDesk(current.eventId, tx);
    return tx.post.update({
      where: { id: postId },
      data: { bodyMarkdown: body, bodyHtml, headline: headline || null, version: { increment: 1 } },
      select: { id: true, version: true },
    });
  }, writeTransaction);
}
