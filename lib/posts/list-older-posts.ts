import "server-only";
import { db } from "@/lib/db";
import { decodePostCursor } from "@/lib/shared/post-cursor";
import { BadRequestError, NotFoundError } from "@/lib/errors";
import { findEventBySlug } from "@/lib/events/find-event";
import { maxPostPageSize, publishedPostsQuery, toPostPage, type PostPage } from "./post-page";

/**
 * The page of a public event's posts that follows `before` (a cursor from the page the
 * reader already has): what "load older" fetches. Drafts are as unknown as missing events.
 */
export async function listOlderPosts(slug: string, before: string, limit: number): Promise<PostPage> {
  const cursor = decodePostCursor(before);
  if (!cursor) throw new BadRequestError("`before` must be a cursor from a previous page (`nextCursor`).");
  if (!Number.isInteger(limit) || limit < 1 || limit > maxPostPageSize)
    throw new BadRequestError(`\`limit\` must be a whole number from 1 to ${maxPostPageSize}.`);
  const event = await findEventBySlug(slug);
  if (!event || event.status === "DRAFT") throw new NotFoundError("No such event.");
  const rows = await db.post.findMany(publishedPostsQuery(event.id, limit, cursor));
  return toPostPage(rows, limit);
}
