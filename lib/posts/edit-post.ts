import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ConflictError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import type { WriteGuard } from "@/lib/idempotency/run-idempotent";
import { appendChange } from "@/lib/realtime/notify";
import { editPostSchema, fieldErrors, type EditPostInput } from "@/lib/shared/validation";
import { lockPost } from "./find-post";
import { postViewSelect, toPostView } from "./post-view";
import type { Published } from "./publish-post";
import { renderMarkdown } from "./render-markdown";
import { asQuote } from "./render-post";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

/**
 * Edits a post. The caller says which version it edited; if someone saved in between,
 * the edit is refused with a clear message rather than silently overwriting theirs.
 * A `guard` (an idempotency key) commits with the edit.
 */
export async function editPost(
  actor: Actor,
  postId: string,
  input: EditPostInput,
  guard?: WriteGuard<Published>,
): Promise<Published> {
  const parsed = editPostSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not saved.", fieldErrors(parsed.error));
  const { body, headline, version } = parsed.data;
  const bodyHtml = renderMarkdown(body, await imageSizesIn(body));

  return db.$transaction(async (tx) => {
    await guard?.claim(tx);
    const current = await lockPost(tx, postId);
    await requireRole(current.eventId, actor.id, ["OWNER", "EDITOR"], tx);
    // Drafts and submissions never reach the change log (readers could read it there);
    // their author changes them with resubmitPost, editors approve or send them back.
    if (current.status !== "PUBLISHED") {
      throw new ConflictError("This post is not published: approve it or send it back from the review queue.");
    }
    if (current.version !== version) {
      const saved = await tx.post.findUniqueOrThrow({
        where: { id: postId },
        select: { headline: true, bodyMarkdown: true, version: true },
      });
      throw new ConflictError(
        "Someone else changed this post while you were editing. Reload it to see their version.",
        {},
        { headline: saved.headline, body: saved.bodyMarkdown, version: saved.version },
      );
    }
    const row = await tx.post.update({
      where: { id: postId },
      data: {
        bodyMarkdown: body,
        // A quote stays a quote, with its attribution.
        bodyHtml: current.kind === "QUOTE" ? asQuote(bodyHtml, current.quoteBy ?? "") : bodyHtml,
        headline: headline || null,
        version: { increment: 1 },
        editedAt: new Date(),
      },
      select: postViewSelect,
    });
    const post = toPostView(row);
    const seq = await appendChange(tx, current.eventId, { type: "post.updated", postId, data: { post } });
    await guard?.record(tx, { post, seq });
    return { post, seq };
  }, writeTransaction);
}
