-- CreateEnum
CREATE TYPE "PostKind" AS ENUM ('STANDARD', 'QUOTE');

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "kind" "PostKind" NOT NULL DEFAULT 'STANDARD',
ADD COLUMN     "quoteBy" TEXT;
