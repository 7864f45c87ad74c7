-- CreateTable
CREATE TABLE "ReaderCount" (
    "processId" TEXT NOT NULL,
    "eventId" TEXT NOT NULL,
    "readers" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReaderCount_pkey" PRIMARY KEY ("processId","eventId")
);

-- CreateIndex
CREATE INDEX "ReaderCount_eventId_updatedAt_idx" ON "ReaderCount"("eventId", "updatedAt");
