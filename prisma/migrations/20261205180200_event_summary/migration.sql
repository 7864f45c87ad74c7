-- "Key points" pinned at the top of an event's page: Markdown and its sanitized HTML.
ALTER TABLE "Event" ADD COLUMN "summaryMarkdown" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Event" ADD COLUMN "summaryHtml" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Event" ADD COLUMN "summaryUpdatedAt" TIMESTAMP(3);
