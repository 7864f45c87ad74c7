import "server-only";
import type { ChangeType } from "@/lib/generated/prisma/enums";
import type { ChangeKind } from "@/lib/shared/types";

// Prisma names enum members in code (POST_PUBLISHED) and stores their @map value
// ("post.published"), which is also the SSE event name. Raw SQL sees the stored value.
export const changeTypeOf: Record<ChangeKind, ChangeType> = {
  "post.published": "POST_PUBLISHED",
  "post.updated": "POST_UPDATED",
  "post.deleted": "POST_DELETED",
  "event.updated": "EVENT_UPDATED",
  ended: "EVENT_ENDED",
};
