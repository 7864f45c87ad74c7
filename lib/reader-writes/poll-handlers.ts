import "server-only";
import { declaredLength, readBounded } from "@/lib/api/read-bounded";
import { readJsonBody } from "@/lib/api/read-json-body";
import { env } from "@/lib/env";
import { BadRequestError, httpError } from "@/lib/errors";
import { readerPoll } from "@/lib/polls/reader-poll";
import { vote } from "@/lib/polls/vote";
import { clientAddress } from "@/lib/security/client-address";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { readerTokenSource, withReaderCookie } from "@/lib/tally/reader-cookie";

type Params = { params: Promise<{ slug: string; id: string }> };

/** `{ option }` and perhaps a reader token weigh far less than this. */
const maxBytes = 1024;

type VoteRequest = { option: unknown; reader: string | null; form: boolean; embed: boolean };

/** From JSON (the page's script) or a plain form post (no JavaScript). */
async function readVote(request: Request): Promise<VoteRequest> {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("application/json")) {
    const json = await readJsonBody(request, maxBytes);
    if (typeof json !== "object" || json === null || Array.isArray(json))
      throw new BadRequestError("Send a JSON object.");
    const { option, reader } = json as Record<string, unknown>;
    return { option, reader: typeof reader === "string" ? reader : null, form: false, embed: false };
  }
  if (type.startsWith("application/x-www-form-urlencoded")) {
    const text = new TextDecoder().decode(await readBounded(request.body, declaredLength(request), maxBytes));
    const fields = new URLSearchParams(text);
    return { option: fields.get("option") ?? "", reader: null, form: true, embed: fields.get("from") === "embed" };
  }
  throw new BadRequestError("Send the vote as JSON or as a form.");
}

/**
 * GET /api/events/<slug>/posts/<id>/poll — the poll as this reader sees it:
 * `{ pollId, closed, choice, counts }`, `choice` being the option their cookie voted for.
 * Never cached: it depends on the cookie.
 */
export async function GET(request: Request, { params }: Params) {
  try {
    const { slug, id } = await params;
    const reader = new URL(request.url).searchParams.get("reader");
    const result = await readerPoll(slug, id, readerTokenSource(request, reader));
    return Response.json(result, { headers: { "cache-control": "private, no-store" } });
  } catch (error) {
    return httpError(error);
  }
}

/**
 * POST /api/events/<slug>/posts/<id>/poll — a reader (no account) votes, `{ option }`.
 * 201 `{ created: true, choice, counts }` when counted, 200 `{ created: false, ... }` when
 * this reader had already voted (a replay counts nothing; `choice` is their first vote);
 * `reader` carries a newly issued token. A form post without JavaScript is sent back to
 * the post with its results shown (303). Refusals are 4xx with a message: 400/413/422 for
 * the input, 403 from another site, 404 for no such event, update or poll, 409 once the
 * poll is closed or the coverage has ended, 429 for too many from one address.
 */
export async function POST(request: Request, { params }: Params) {
  try {
    requireSameOrigin(request);
    const { slug, id } = await params;
    const { option, reader, form, embed } = await readVote(request);
    const address = clientAddress(request.headers, env().HERALD_TRUST_PROXY);
    const result = await vote({
      slug,
      postId: id,
      optionId: option,
      readerToken: readerTokenSource(request, reader),
      address,
    });
    if (form) {
      const back = embed ? `/embed/${slug}?voted=${id}#post-${id}` : `/e/${slug}/p/${id}?voted=1#post-${id}`;
      const response = new Response(null, { status: 303, headers: { location: back, "cache-control": "no-store" } });
      return withReaderCookie(response, request, result.eventId, result.issuedToken);
    }
    const body = { created: result.created, choice: result.choice, counts: result.counts, reader: result.issuedToken };
    const response = Response.json(body, { status: result.created ? 201 : 200 });
    return withReaderCookie(response, request, result.eventId, result.issuedToken);
  } catch (error) {
    return httpError(error);
  }
}
