import "server-only";
import { env } from "@/lib/env";
import { BadRequestError, httpError } from "@/lib/errors";
import { reactToPost } from "@/lib/reactions/react-to-post";
import { removeReaction } from "@/lib/reactions/remove-reaction";
import { clientAddress } from "@/lib/security/client-address";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { readerTokenSource } from "@/lib/tally/reader-cookie";
import { formAnswer, jsonAnswer, readTallyRequest } from "./tally-request";

type Params = { params: Promise<{ slug: string; id: string }> };

/**
 * POST /api/events/<slug>/posts/<id>/reactions — a reader (no account) reacts, `{ kind }`.
 * 201 `{ created: true, counts }` when counted, 200 `{ created: false, counts }` when this
 * reader had already given that reaction (a replay counts nothing); `reader` carries a
 * newly issued token. A form post without JavaScript is sent back to the post (303).
 * Refusals are 4xx with a message: 400/422 for the input, 403 from another site, 404 for
 * no such event or update, 409 once the coverage has ended, 429 for too many.
 */
export async function POST(request: Request, { params }: Params) {
  try {
    requireSameOrigin(request);
    const { slug, id } = await params;
    const { value: kind, reader, form, embed } = await readTallyRequest(request, "kind", "reaction");
    const address = clientAddress(request.headers, env().HERALD_TRUST_PROXY);
    const result = await reactToPost({
      slug,
      postId: id,
      kind,
      readerToken: readerTokenSource(request, reader),
      address,
    });
    if (form) return formAnswer(request, embed ? `/embed/${slug}#post-${id}` : `/e/${slug}/p/${id}#post-${id}`, result);
    return jsonAnswer(request, { created: result.created, counts: result.counts }, result);
  } catch (error) {
    return httpError(error);
  }
}

/**
 * DELETE /api/events/<slug>/posts/<id>/reactions — the reader takes back `{ kind }`.
 * 200 `{ removed, counts }`; `removed` is false when there was nothing of theirs to take.
 */
export async function DELETE(request: Request, { params }: Params) {
  try {
    requireSameOrigin(request);
    const { slug, id } = await params;
    const { value: kind, reader, form } = await readTallyRequest(request, "kind", "reaction");
    if (form) throw new BadRequestError("Send the reaction to take back as JSON.");
    const result = await removeReaction({ slug, postId: id, kind, readerToken: readerTokenSource(request, reader) });
    return Response.json(result);
  } catch (error) {
    return httpError(error);
  }
}
