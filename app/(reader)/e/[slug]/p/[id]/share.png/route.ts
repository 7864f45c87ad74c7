import { newsroomName } from "@/lib/env";
import { findEventBySlug } from "@/lib/events/find-event";
import { getPublicPost } from "@/lib/posts/get-public-post";
import { shareImage } from "@/lib/seo/share-image";
import { excerpt, plainText } from "@/lib/shared/plain-text";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ slug: string; id: string }> };

/**
 * GET /e/<slug>/p/<id>/share.png — one update's share card: the event's title, the
 * update's headline or first words. A 404 for drafts' posts and posts readers cannot see.
 */
export async function GET(_request: Request, { params }: Params) {
  const { slug, id } = await params;
  const event = await findEventBySlug(slug);
  const post = event && event.status !== "DRAFT" ? await getPublicPost(event.id, id) : null;
  if (!event || !post) {
    return new Response("No such image.\n", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return shareImage(
    {
      title: excerpt(event.title, 110),
      text: post.headline?.trim() || excerpt(plainText(post.html), 160),
      newsroom: newsroomName(),
      live: event.status === "LIVE",
    },
    { headers: { "Cache-Control": "public, max-age=300" } },
  );
}
