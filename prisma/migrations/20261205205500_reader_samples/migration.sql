-- CreateTable
CREATE TABLE "ReaderSample" (
    "eventId" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "processId" TEXT NOT NULL,
    "page" INTEGER NOT NULL DEFAULT 0,
    "embed" INTEGER NOT NULL DEFAULT 0,
    "polling" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ReaderSample_pkey" PRIMARY KEY ("eventId","bucket","processId")
);

-- AddForeignKey
ALTER TABLE "ReaderSample" ADD CONSTRAINT "ReaderSample_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event"("id") ON DELETE CASCADE ON UPDATE CASCADE;
