import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db, writeTransaction } from "@/lib/db";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";
import type { WriteGuard } from "@/lib/idempotency/run-idempotent";
import { observePublish } from "@/lib/observability/observe-publish";
import { appendChange } from "@/lib/realtime/notify";
import type { PostView } from "@/lib/shared/types";
import { fieldErrors, publishPostSchema, type PublishInput } from "@/lib/shared/validation";
import { postColumnsSelect, postViewSelect, toPostView } from "./post-view";
import { renderPost } from "./render-post";
import { pollCreate } from "@/lib/polls/poll-create";
import { imageSizesIn } from "@/lib/uploads/image-sizes";

export type Published = { post: PostView; seq: number };

/**
 * Publishes a post to an event: the post, its change-log entry and the NOTIFY that wakes
 * every server's listener are one transaction — all of them happen, or none. With a
 * `guard` (an idempotency key, see runIdempotent), the key is part of it too.
 */
export async function publishPost(
  actor: Actor,
  eventId: string,
  input: PublishInput,
  guard?: WriteGuard<Published>,
): Promise<Published> {
  const parsed = publishPostSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError("The post was not published.", fieldErrors(parsed.error));
  const { body, headline, kind, quoteBy, poll } = parsed.data;
  const bodyHtml = renderPost({ kind, body, quoteBy }, await imageSizesIn(body));

  const published = db.$transaction(async (tx) => {
    await guard?.claim(tx);
    // One query when all is well: a membership means the event exists (foreign key).
    // Only a refusal asks whether it does, to say 404 rather than 403.
    await requireRole(eventId, actor.id, ["OWNER", "EDITOR"], tx).catch(async (error: unknown) => {
      if (!(error instanceof ForbiddenError)) throw error; // a failed query: the transaction is over
      const event = await tx.event.findUnique({ where: { id: eventId }, select: { id: true } });
      throw event ? error : new NotFoundError("No such event.");
    });
    const data = {
      eventId,
      authorId: actor.id,
      status: "PUBLISHED" as const,
      headline: headline || null,
      bodyMarkdown: body,
      bodyHtml,
      kind: kind === "quote" ? ("QUOTE" as const) : ("STANDARD" as const),
      quoteBy: kind === "quote" ? quoteBy : null,
      publishedAt: new Date(),
    };
    // Without a poll the insert's RETURNING is the whole view (the author is the actor,
    // read this request): one round trip, not one per relation.
    const post = poll
      ? toPostView(
          await tx.post.create({
            data: { ...data, poll: { create: pollCreate(eventId, poll) } },
            select: postViewSelect,
          }),
        )
      : toPostView({ ...(await tx.post.create({ data, select: postColumnsSelect })), author: { name: actor.name } });
    const seq = await appendChange(tx, eventId, { type: "post.published", postId: post.id, data: { post } });
    await guard?.record(tx, { post, seq });
    return { post, seq };
  }, writeTransaction);
  return observePublish(eventId, published);
}
