import "server-only";
import { db } from "@/lib/db";
import type { PostView } from "@/lib/shared/types";
import { postViewSelect, toPostView } from "./post-view";

/** A published post of the event, for its permalink; null for anything readers may not see. */
export async function getPublicPost(eventId: string, postId: string): Promise<PostView | null> {
  if (!/^[a-z0-9]{1,40}$/.test(postId)) return null;
  const row = await db.post.findFirst({
    where: { id: postId, eventId, status: "PUBLISHED" },
    select: postViewSelect,
  });
  return row ? toPostView(row) : null;
}
