-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "deletedFromStatus" "PostStatus",
ADD COLUMN     "deletedWasPinned" BOOLEAN;
