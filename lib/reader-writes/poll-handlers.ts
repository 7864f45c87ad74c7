import "server-only";
import { env } from "@/lib/env";
import { httpError } from "@/lib/errors";
import { readerPoll } from "@/lib/polls/reader-poll";
import { vote } from "@/lib/polls/vote";
import { clientAddress } from "@/lib/security/client-address";
import { requireSameOrigin } from "@/lib/security/same-origin";
import { readerTokenSource } from "@/lib/tally/reader-cookie";
import { formAnswer, jsonAnswer, readTallyRequest } from "./tally-request";

type Params = { params: Promise<{ slug: string; id: string }> };

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
    const { value: option, reader, form, embed } = await readTallyRequest(request, "option", "vote");
    const address = clientAddress(request.headers, env().HERALD_TRUST_PROXY);
    const result = await vote({
      slug,
      postId: id,
      optionId: option,
      readerToken: readerTokenSource(request, reader),
      address,
    });
    if (form)
      return formAnswer(
        request,
        embed ? `/embed/${slug}?voted=${id}#post-${id}` : `/e/${slug}/p/${id}?voted=1#post-${id}`,
        result,
      );
    return jsonAnswer(request, { created: result.created, choice: result.choice, counts: result.counts }, result);
  } catch (error) {
    return httpError(error);
  }
}
