import { apiCaller } from "@/lib/api/api-caller";
import { apiError } from "@/lib/api/api-error";
import { findApiPost } from "@/lib/api/api-posts";
import { apiAnswer, apiIdempotentRequest } from "@/lib/api/idempotent-api";
import { NotFoundError } from "@/lib/errors";
import { runIdempotent } from "@/lib/idempotency/run-idempotent";
import { closePoll, type PollClosed } from "@/lib/polls/close-poll";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; id: string }> };

/**
 * POST /api/v1/events/<slug>/posts/<id>/poll/close — closes the post's poll for good, as
 * the console's "Close poll" does: no vote counts after it, and readers see it closed.
 * 200 `{ closed, seq }`; `closed` is false (and `seq` null) when it was closed already.
 * Takes an `Idempotency-Key` like every write. 404 unless the post is a published post of
 * this event with a poll; 403 unless the token's creator is still an editor or owner.
 */
export async function POST(request: Request, { params }: Context) {
  try {
    const { slug, id } = await params;
    const caller = await apiCaller(request, slug);
    const idempotent = apiIdempotentRequest(request, caller, `posts/${id}/poll/close`, null);
    const answer = await runIdempotent(
      idempotent,
      (closed: PollClosed) => ({ status: 200, body: closed }),
      async (guard) => {
        const post = await findApiPost(caller.event.id, id);
        if (!post) throw new NotFoundError("No such post.");
        return closePoll(caller.actor, post.id, guard);
      },
    );
    return apiAnswer(answer);
  } catch (error) {
    return apiError(error);
  }
}
