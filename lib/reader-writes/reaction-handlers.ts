import "server-only";
import { declaredLength, readBounded } from "@/lib/api/read-bounded";
import { readJsonBody } from "@/lib/api/read-json-body";
import { env } from "@/lib/env";
import { BadRequestError, httpError } from "@/lib/errors";
import { reactToPost } from "@/lib/reactions/react-to-post";
import { removeReaction } from "@/lib/reactions/remove-reaction";
import { clientAddress } from "@/lib/security/client-address";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { readerTokenSource, withReaderCookie } from "@/lib/tally/reader-cookie";

type Params = { params: Promise<{ slug: string; id: string }> };

/** `{ kind }` and perhaps a reader token weigh far less than this. */
const maxBytes = 1024;

type ReactionRequest = { kind: unknown; reader: string | null; form: boolean; embed: boolean };

/** From JSON (the page's script) or a plain form post (no JavaScript). */
async function readReaction(request: Request): Promise<ReactionRequest> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const json = await readJsonBody(request, maxBytes);
    if (typeof json !== "object" || json === null || Array.isArray(json))
      throw new BadRequestError("Send a JSON object.");
    const { kind, reader } = json as Record<string, unknown>;
    return { kind, reader: typeof reader === "string" ? reader : null, form: false, embed: false };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const text = new TextDecoder().decode(await readBounded(request.body, declaredLength(request), maxBytes));
    const fields = new URLSearchParams(text);
    return { kind: fields.get("kind") ?? "", reader: null, form: true, embed: fields.get("from") === "embed" };
  }
  throw new BadRequestError("Send the reaction as JSON or as a form.");
}

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
    const { kind, reader, form, embed } = await readReaction(request);
    const address = clientAddress(request.headers, env().HERALD_TRUST_PROXY);
    const result = await reactToPost({
      slug,
      postId: id,
      kind,
      readerToken: readerTokenSource(request, reader),
      address,
    });
    if (form) {
      const back = embed ? `/embed/${slug}#post-${id}` : `/e/${slug}/p/${id}#post-${id}`;
      const response = new Response(null, { status: 303, headers: { location: back, "cache-control": "no-store" } });
      return withReaderCookie(response, request, result.eventId, result.issuedToken);
    }
    const body = { created: result.created, counts: result.counts, reader: result.issuedToken };
    const response = Response.json(body, { status: result.created ? 201 : 200 });
    return withReaderCookie(response, request, result.eventId, result.issuedToken);
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
    const { kind, reader, form } = await readReaction(request);
    if (form) throw new BadRequestError("Send the reaction to take back as JSON.");
    const result = await removeReaction({ slug, postId: id, kind, readerToken: readerTokenSource(request, reader) });
    return Response.json(result);
  } catch (error) {
    return httpError(error);
  }
}
