import "server-only";
import { env } from "@/lib/env";
import type { EventSnapshot } from "@/lib/events/get-event-snapshot";
import { absoluteUrl, eventPath, postPath } from "@/lib/shared/event-urls";
import { liveBlogJsonLd, type LiveBlogPosting } from "@/lib/shared/live-blog-json-ld";
import { coverImageUrl } from "./event-metadata";

/** The LiveBlogPosting of an event page, from the same snapshot the page renders. */
export function eventJsonLd({ event, posts }: EventSnapshot): LiveBlogPosting {
  const { publicUrl } = env();
  return liveBlogJsonLd({
    url: absoluteUrl(publicUrl, eventPath(event.slug)),
    title: event.title,
    description: event.description,
    status: event.status,
    startsAt: event.startsAt?.toISOString() ?? null,
    createdAt: event.createdAt.toISOString(),
    imageUrl: coverImageUrl(event),
    posts,
    postUrl: (id) => absoluteUrl(publicUrl, postPath(event.slug, id)),
  });
}
