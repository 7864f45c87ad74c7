import "server-only";
import type { Actor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { requireRole } from "@/lib/events/require-role";

export type PostSource = { id: string; body: string; headline: string; version: number };

/** A post's Markdown and version, for the team member about to edit it. */
export async function getPostSource(actor: Actor, postId: string): Promise<PostSource> {
  const post = await db.post.findUnique({
    where: { id: postId },
    select: { id: true, eventId: true, bodyMarkdown: true, headline: true, version: true, status: true },
  });
  if (!post || post.status === "DELETED") throw new NotFoundError("No such post.");
  await requireRole(post.eventId, actor.id, ["OWNER", "EDITOR"]);
  return { id: post.id, body: post.bodyMarkdown, headline: post.headline ?? "", version: post.version };
}
