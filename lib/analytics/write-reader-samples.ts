import "server-only";
import { sql } from "@/lib/sql";
import type { ChannelCounts } from "@/lib/shared/reader-channels";

/** The width of one history bucket: every sample in it is one point of the chart. */
export const sampleBucketMs = 30_000;

/** The bucket a time falls in (its start). */
export function bucketOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / sampleBucketMs) * sampleBucketMs);
}

/**
 * Writes one process's readers by channel into the current bucket of ReaderSample, one
 * row per event. Each process owns its row, so processes never contend; writing again in
 * the same bucket keeps whichever sample had more readers (the bucket's peak for this
 * process). Events deleted meanwhile are skipped. One statement per call.
 */
export async function writeReaderSamples(
  processId: string,
  counts: ReadonlyMap<string, ChannelCounts>,
  at: Date = new Date(),
): Promise<void> {
  const entries = [...counts].filter(([, c]) => c.page + c.embed + c.polling > 0);
  if (entries.length === 0) return;
  const bucket = bucketOf(at).toISOString();
  await sql`
    INSERT INTO "ReaderSample" ("eventId", "bucket", "processId", "page", "embed", "polling")
    SELECT t.e, (${bucket}::timestamptz AT TIME ZONE 'UTC'), ${processId}, t.p, t.m, t.q
    FROM unnest(${entries.map(([id]) => id)}::text[], ${entries.map(([, c]) => c.page)}::int[],
                ${entries.map(([, c]) => c.embed)}::int[], ${entries.map(([, c]) => c.polling)}::int[])
      AS t(e, p, m, q)
    JOIN "Event" ON "Event"."id" = t.e
    ON CONFLICT ("eventId", "bucket", "processId") DO UPDATE
      SET "page" = EXCLUDED."page", "embed" = EXCLUDED."embed", "polling" = EXCLUDED."polling"
      WHERE EXCLUDED."page" + EXCLUDED."embed" + EXCLUDED."polling"
          > "ReaderSample"."page" + "ReaderSample"."embed" + "ReaderSample"."polling"`;
}

/** How long reader history is kept: about 13 months, so a year-on-year comparison is possible. */
export const readerSampleRetentionDays = 400;

/** Deletes reader history older than the retention (docs/analytics.md). Returns rows deleted. */
export async function pruneReaderSamples(olderThanDays: number = readerSampleRetentionDays): Promise<number> {
  const rows = await sql<{ n: number }>`
    WITH gone AS (
      DELETE FROM "ReaderSample"
      WHERE "bucket" < (now() AT TIME ZONE 'UTC') - make_interval(days => ${olderThanDays})
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM gone`;
  return rows[0]?.n ?? 0;
}
