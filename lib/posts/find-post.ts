import "server-only";
import type { Tx } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";

/** A post that readers can see (or could), locked for the rest of the transaction. */
export async function lockPost(tx: Tx, postId: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      eventId: string;
      version: number;
      status: string;
      kind: string;
      quoteBy: string | null;
      pinned: boolean;
    }[]
  >`
    SELECT "id", "eventId", "version", "status"::text AS "status", "kind"::text AS "kind", "quoteBy", "pinned" FROM "Post" WHERE "id" = ${postId} FOR UPDATE`;
  const post = rows[0];
  if (!post || post.status === "DELETED") throw new NotFoundError("No such post.");
  return post;
}
