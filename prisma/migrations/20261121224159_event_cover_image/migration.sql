-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "coverImageKey" TEXT;
