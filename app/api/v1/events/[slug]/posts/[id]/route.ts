import { apiCaller, type ApiCaller } from "@/lib/api/api-caller";
import { apiError, apiJson } from "@/lib/api/api-error";
import { findApiPost } from "@/lib/api/api-posts";
import { parseEditPost } from "@/lib/api/post-input";
import { readJsonBody } from "@/lib/api/read-json-body";
import { NotFoundError } from "@/lib/errors";
import { deletePost } from "@/lib/posts/delete-post";
import { editPost } from "@/lib/posts/edit-post";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string; id: string }> };

/** The caller and the published post `id` of the event in the URL (404 for any other). */
async function callerAndPost(request: Request, { params }: Context) {
  const { slug, id } = await params;
  const caller: ApiCaller = await apiCaller(request, slug);
  const post = await findApiPost(caller.event.id, id);
  if (!post) throw new NotFoundError("No such post.");
  return { ...caller, post };
}

/** GET /api/v1/events/<slug>/posts/<id> — one published post, with its version. */
export async function GET(request: Request, context: Context) {
  try {
    const { post } = await callerAndPost(request, context);
    return apiJson({ post });
  } catch (error) {
    return apiError(error);
  }
}

/** PATCH … `{ body, headline?, version }` — replaces the post for every reader. */
export async function PATCH(request: Request, context: Context) {
  try {
    const { actor, post: current } = await callerAndPost(request, context);
    const input = parseEditPost(await readJsonBody(request));
    const { post, seq } = await editPost(actor, current.id, input);
    // editPost checked `version` under the row lock and added one.
    return apiJson({ post: { ...post, version: input.version + 1 }, seq });
  } catch (error) {
    return apiError(error);
  }
}

/** DELETE … — takes the post down for every reader. */
export async function DELETE(request: Request, context: Context) {
  try {
    const { actor, post } = await callerAndPost(request, context);
    return apiJson(await deletePost(actor, post.id));
  } catch (error) {
    return apiError(error);
  }
}
