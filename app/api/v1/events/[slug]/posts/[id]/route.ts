import { apiCaller, type ApiCaller } from "@/lib/api/api-caller";
import { apiError, apiJson } from "@/lib/api/api-error";
import { findApiPost, type ApiPost } from "@/lib/api/api-posts";
import { apiAnswer, apiIdempotentRequest } from "@/lib/api/idempotent-api";
import { parseEditPost } from "@/lib/api/post-input";
import { readJsonBody } from "@/lib/api/read-json-body";
import { NotFoundError } from "@/lib/errors";
import { runIdempotent } from "@/lib/idempotency/run-idempotent";
import { deletePost, type Deleted } from "@/lib/posts/delete-post";
import { editPost } from "@/lib/posts/edit-post";
import type { Published } from "@/lib/posts/publish-post";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; id: string }> };

/** The published post `id` of the caller's event (404 for any other). */
async function publishedPost(caller: ApiCaller, id: string) {
  const post = await findApiPost(caller.event.id, id);
  if (!post) throw new NotFoundError("No such post.");
  return post;
}

/** GET /api/v1/events/<slug>/posts/<id> — one published post, with its version. */
export async function GET(request: Request, { params }: Context) {
  try {
    const { slug, id } = await params;
    return apiJson({ post: await publishedPost(await apiCaller(request, slug), id) });
  } catch (error) {
    return apiError(error);
  }
}

// Writes take an `Idempotency-Key` (runIdempotent). The post is looked up inside the
// guarded write, so a retry of a delete whose first attempt committed gets the first
// answer rather than a 404.

/** PATCH … `{ body, headline?, version }` — replaces the post for every reader. */
export async function PATCH(request: Request, { params }: Context) {
  try {
    const { slug, id } = await params;
    const caller = await apiCaller(request, slug);
    const json = await readJsonBody(request);
    const idempotent = apiIdempotentRequest(request, caller, `posts/${id}`, json);
    const input = parseEditPost(json);
    // An edit keeps the post's kind and attribution: the answer carries them as a GET would.
    let current: ApiPost | undefined;
    const answer = await runIdempotent(
      idempotent,
      // editPost checked `version` under the row lock and added one.
      ({ post, seq }: Published) => ({
        status: 200,
        body: { post: { ...post, version: input.version + 1, kind: current!.kind, quoteBy: current!.quoteBy }, seq },
      }),
      async (guard) => {
        current = await publishedPost(caller, id);
        return editPost(caller.actor, current.id, input, guard);
      },
    );
    return apiAnswer(answer);
  } catch (error) {
    return apiError(error);
  }
}

/** DELETE … — takes the post down for every reader. */
export async function DELETE(request: Request, { params }: Context) {
  try {
    const { slug, id } = await params;
    const caller = await apiCaller(request, slug);
    const idempotent = apiIdempotentRequest(request, caller, `posts/${id}`, null);
    const answer = await runIdempotent(
      idempotent,
      (deleted: Deleted) => ({ status: 200, body: deleted }),
      async (guard) => deletePost(caller.actor, (await publishedPost(caller, id)).id, guard),
    );
    return apiAnswer(answer);
  } catch (error) {
    return apiError(error);
  }
}
