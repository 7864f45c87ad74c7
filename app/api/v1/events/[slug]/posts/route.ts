import { apiCaller } from "@/lib/api/api-caller";
import { apiError, apiJson } from "@/lib/api/api-error";
import { apiAnswer, apiIdempotentRequest } from "@/lib/api/idempotent-api";
import { listApiPosts } from "@/lib/api/api-posts";
import { parseCreatePost } from "@/lib/api/post-input";
import { readJsonBody } from "@/lib/api/read-json-body";
import { BadRequestError } from "@/lib/errors";
import { runIdempotent } from "@/lib/idempotency/run-idempotent";
import { publishPost, type Published } from "@/lib/posts/publish-post";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ slug: string }> };

const defaultLimit = 20;
const maxLimit = 100;

/** GET /api/v1/events/<slug>/posts?limit=&before= — published posts, newest first. */
export async function GET(request: Request, { params }: Context) {
  try {
    const { slug } = await params;
    const { event } = await apiCaller(request, slug);
    const query = new URL(request.url).searchParams;
    const limit = parseLimit(query.get("limit"));
    const before = query.get("before");
    return apiJson(await listApiPosts(event.id, limit, before === null || before === "" ? null : before));
  } catch (error) {
    return apiError(error);
  }
}

/**
 * POST /api/v1/events/<slug>/posts `{ body, headline?, kind?, quoteBy?, poll? }` — publishes to
 * every reader; `kind` is "standard" (the default) or "quote", which needs `quoteBy`;
 * `poll` is `{ question, options: [2-6 texts], closesAt? }` (docs/polls.md).
 * With an `Idempotency-Key`, at most once: a retry gets the first answer (runIdempotent).
 */
export async function POST(request: Request, { params }: Context) {
  try {
    const { slug } = await params;
    const caller = await apiCaller(request, slug);
    const json = await readJsonBody(request);
    const idempotent = apiIdempotentRequest(request, caller, "posts", json);
    const input = parseCreatePost(json);
    const answer = await runIdempotent(
      idempotent,
      ({ post, seq }: Published) => {
        const kind = input.kind ?? "standard";
        const quoteBy = kind === "quote" ? (input.quoteBy?.trim() ?? null) : null;
        return { status: 201, body: { post: { ...post, version: 1, kind, quoteBy }, seq } };
      },
      (guard) => publishPost(caller.actor, caller.event.id, input, guard),
    );
    return apiAnswer(answer, { Location: `/api/v1/events/${caller.event.slug}/posts/${answer.body.post.id}` });
  } catch (error) {
    return apiError(error);
  }
}

function parseLimit(raw: string | null): number {
  if (raw === null || raw === "") return defaultLimit;
  const limit = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= maxLimit)) {
    throw new BadRequestError(`\`limit\` must be a whole number from 1 to ${maxLimit}.`, {
      limit: [`Between 1 and ${maxLimit}; ${defaultLimit} when left out.`],
    });
  }
  return limit;
}
