-- Reactions on posts: one row per (post, reader, kind), so a replay counts nothing (docs/reactions.md).
CREATE TABLE "Reaction" (
    "postId" TEXT NOT NULL,
    "readerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Reaction_pkey" PRIMARY KEY ("postId","readerId","kind")
);

CREATE INDEX "Reaction_eventId_postId_kind_idx" ON "Reaction"("eventId", "postId", "kind");

ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "Reaction" ADD CONSTRAINT "Reaction_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
