import "server-only";
import { db } from "@/lib/db";

/** A public event as search engines are told about it. */
export type IndexableEvent = {
  slug: string;
  title: string;
  status: "SCHEDULED" | "LIVE" | "ENDED";
  /** When coverage is announced to start, else when the event was created (as its JSON-LD). */
  publishedAt: Date;
  /** Its latest change (a post, an edit, a setting, the end), or its creation if none. */
  changedAt: Date;
};

// The sitemap protocol's limit on URLs per file.
export const sitemapMaxUrls = 50_000;

/**
 * Every public event (never a draft), most recently changed first, or only those changed
 * at or after `changedSince`. The latest change is the Change row numbered `lastSeq`: a
 * primary-key lookup per event, not a scan of its log.
 */
export async function listIndexableEvents(
  options: { changedSince?: Date; limit?: number } = {},
): Promise<IndexableEvent[]> {
  const since = options.changedSince ?? new Date(0);
  const limit = Math.min(options.limit ?? sitemapMaxUrls, sitemapMaxUrls);
  return db.$queryRaw<IndexableEvent[]>`
    SELECT "slug", "title", "status"::text AS "status", "publishedAt", "changedAt" FROM (
      SELECT e."slug", e."title", e."status",
             COALESCE(e."startsAt", e."createdAt") AS "publishedAt",
             COALESCE(c."createdAt", e."createdAt") AS "changedAt"
      FROM "Event" e
      LEFT JOIN "Change" c ON c."eventId" = e."id" AND c."seq" = e."lastSeq"
      WHERE e."status" <> 'DRAFT'
    ) AS events
    WHERE "changedAt" >= ${since}
    ORDER BY "changedAt" DESC, "slug"
    LIMIT ${limit}`;
}
