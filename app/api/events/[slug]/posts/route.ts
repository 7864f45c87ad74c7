import { httpError } from "@/lib/errors";
import { listOlderPosts } from "@/lib/posts/list-older-posts";
import { postPageSize } from "@/lib/posts/post-page";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/events/<slug>/posts?before=<cursor>&limit=<1..50> — the reader's "load older":
 * the page of published posts after the cursor (`nextCursor` of the page before), newest
 * first, with the cursor of the page after it. Old pages barely change (edits also reach
 * open pages live), so a CDN may keep one for a few seconds.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const query = new URL(request.url).searchParams;
  const limitText = query.get("limit") ?? String(postPageSize);
  const limit = /^\d{1,3}$/.test(limitText) ? Number(limitText) : NaN;
  try {
    const page = await listOlderPosts(slug, query.get("before") ?? "", limit);
    return Response.json(page, { headers: { "Cache-Control": "public, max-age=5, stale-while-revalidate=5" } });
  } catch (error) {
    const response = httpError(error);
    response.headers.set("Cache-Control", "no-store");
    return response;
  }
}
