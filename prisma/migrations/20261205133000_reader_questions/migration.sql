-- Reader questions to the desk, and whether an event takes them.
CREATE TYPE "QuestionStatus" AS ENUM ('PENDING', 'DISCARDED', 'ANSWERED');

ALTER TABLE "Event" ADD COLUMN "questionsOpen" BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE "Question" (
    "id" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "name" TEXT,
    "status" "QuestionStatus" NOT NULL DEFAULT 'PENDING',
    "answeredPostId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "Question_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Question_eventId_status_createdAt_idx" ON "Question"("eventId", "status", "createdAt");

ALTER TABLE "Question" ADD CONSTRAINT "Question_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
