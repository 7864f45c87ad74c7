import "server-only";
import { env, newsroomName } from "@/lib/env";
import type { EventSnapshot } from "@/lib/events/get-event-snapshot";
import type { EventSummary } from "@/lib/events/find-event";
import { absoluteUrl, eventPath, postPath } from "@/lib/shared/event-urls";
import {
  blogPostingJsonLd,
  liveBlogJsonLd,
  type BlogPosting,
  type LiveBlogPosting,
} from "@/lib/shared/live-blog-json-ld";
import type { PostView } from "@/lib/shared/types";
import { eventShareImage } from "./event-metadata";
import { postShareImageUrl } from "./post-metadata";

/** The LiveBlogPosting of an event page, from the same snapshot the page renders. */
export function eventJsonLd({ event, posts }: EventSnapshot): LiveBlogPosting {
  const { publicUrl } = env();
  return liveBlogJsonLd({
    url: absoluteUrl(publicUrl, eventPath(event.slug)),
    title: event.title,
    description: event.description,
    summaryHtml: event.summaryHtml,
    status: event.status,
    startsAt: event.startsAt?.toISOString() ?? null,
    createdAt: event.createdAt.toISOString(),
    imageUrl: eventShareImage(event).url,
    publisher: newsroomName(),
    language: event.language,
    posts,
    postUrl: (id) => absoluteUrl(publicUrl, postPath(event.slug, id)),
  });
}

/** The BlogPosting of a permalink page, pointing at its event's LiveBlogPosting. */
export function postJsonLd(event: EventSummary, post: PostView): BlogPosting {
  const { publicUrl } = env();
  return blogPostingJsonLd({
    url: absoluteUrl(publicUrl, postPath(event.slug, post.id)),
    imageUrl: postShareImageUrl(event, post),
    post,
    publisher: newsroomName(),
    language: event.language,
    liveBlog: { url: absoluteUrl(publicUrl, eventPath(event.slug)), title: event.title },
  });
}
