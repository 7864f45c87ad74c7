import { apiCaller } from "@/lib/api/api-caller";
import { apiError, apiJson } from "@/lib/api/api-error";
import { listApiPosts } from "@/lib/api/api-posts";
import { parseCreatePost } from "@/lib/api/post-input";
import { readJsonBody } from "@/lib/api/read-json-body";
import { BadRequestError } from "@/lib/errors";
import { publishPost } from "@/lib/posts/publish-post";

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

/** POST /api/v1/events/<slug>/posts `{ body, headline? }` — publishes to every reader. */
export async function POST(request: Request, { params }: Context) {
  try {
    const { slug } = await params;
    const { event, actor } = await apiCaller(request, slug);
    const input = parseCreatePost(await readJsonBody(request));
    const { post, seq } = await publishPost(actor, event.id, input);
    return apiJson(
      { post: { ...post, version: 1 }, seq },
      { status: 201, headers: { Location: `/api/v1/events/${event.slug}/posts/${post.id}` } },
    );
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
