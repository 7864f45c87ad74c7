import "server-only";
import crypto from "node:crypto";
import { pruneReaderSamples, writeReaderSamples } from "@/lib/analytics/write-reader-samples";
import { logger } from "@/lib/observability/logger";
import type { ChannelCounts } from "@/lib/shared/reader-channels";
import { sql } from "@/lib/sql";
import { broadcaster } from "./broadcaster";
import { pollersByEvent } from "./poll-readers";

/** How often each process writes its per-event reader counts. */
export const readerCountIntervalMs = 5_000;
/** Rows older than this belong to a process that stopped writing (it died): ignored. */
export const readerCountFreshMs = 15_000;

/** This process's id in the ReaderCount table: random, new on every start. */
export const processId = crypto.randomBytes(8).toString("hex");

/**
 * Writes one process's reader counts: upserts a row per event it has readers on and
 * deletes its rows for events it no longer has readers on. One statement per call.
 */
export async function publishReaderCounts(owner: string, counts: Map<string, number>): Promise<void> {
  const entries = [...counts].filter(([, readers]) => readers > 0);
  const eventIds = entries.map(([eventId]) => eventId);
  const readers = entries.map(([, n]) => n);
  await sql`
    WITH upserted AS (
      INSERT INTO "ReaderCount" ("processId", "eventId", "readers", "updatedAt")
      SELECT ${owner}, e, r, now() FROM unnest(${eventIds}::text[], ${readers}::int[]) AS t(e, r)
      ON CONFLICT ("processId", "eventId") DO UPDATE SET "readers" = EXCLUDED."readers", "updatedAt" = now()
      RETURNING 1
    )
    DELETE FROM "ReaderCount" WHERE "processId" = ${owner} AND NOT ("eventId" = ANY(${eventIds}::text[]))`;
}

/** Deletes rows that dead processes left behind (older than `olderThanMs`). */
export async function pruneReaderCounts(olderThanMs: number = 3_600_000): Promise<number> {
  const deleted = await sql<{ n: number }>`
    WITH gone AS (
      DELETE FROM "ReaderCount" WHERE "updatedAt" < now() - make_interval(secs => ${olderThanMs / 1000})
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM gone`;
  return deleted[0]?.n ?? 0;
}

/** Readers of each event now, summed over every live process (events with none: 0). */
export async function currentReadersMany(
  eventIds: readonly string[],
  freshMs: number = readerCountFreshMs,
): Promise<Map<string, number>> {
  const totals = new Map<string, number>(eventIds.map((id) => [id, 0]));
  if (eventIds.length === 0) return totals;
  const rows = await sql<{ eventId: string; readers: string | number }>`
    SELECT "eventId", SUM("readers") AS "readers" FROM "ReaderCount"
    WHERE "eventId" = ANY(${[...eventIds]}::text[])
      AND "updatedAt" > now() - make_interval(secs => ${freshMs / 1000})
    GROUP BY "eventId"`;
  for (const row of rows) totals.set(row.eventId, Number(row.readers));
  return totals;
}

/** Readers of one event now, across every server process. */
export async function currentReaders(eventId: string, freshMs?: number): Promise<number> {
  return (await currentReadersMany([eventId], freshMs)).get(eventId) ?? 0;
}

/**
 * This process's readers per event by channel: the broadcaster's streams (page, embed, desk) and
 * the recent distinct pollers (lib/realtime/poll-readers.ts). Events with none are absent.
 */
export function readersByChannel(now: number = Date.now()): Map<string, ChannelCounts & { desk: number }> {
  const counts = new Map<string, ChannelCounts & { desk: number }>();
  for (const [eventId, streams] of broadcaster().readersByChannel()) counts.set(eventId, { ...streams, polling: 0 });
  for (const [eventId, polling] of pollersByEvent(now)) {
    const streams = counts.get(eventId) ?? { page: 0, embed: 0, desk: 0, polling: 0 };
    counts.set(eventId, { ...streams, polling });
  }
  return counts;
}

/**
 * Starts this process's reader-count writer (with the listener, at process start): every
 * few seconds it reads the broadcaster's per-event counts and writes them. Unref'd, and
 * never on the fan-out path. Returns a stop function.
 */
export function startReaderCounts(intervalMs: number = readerCountIntervalMs): () => void {
  let writing = false;
  let hadRows = false;
  let ticks = 0;
  const tick = async () => {
    if (writing) return;
    // Now and then (about every 5 minutes), clear what dead processes left behind.
    if (++ticks % 60 === 0) void pruneReaderCounts().catch(() => {});
    // About daily, reader history past its retention (docs/analytics.md).
    if (ticks % 17_280 === 0) void pruneReaderSamples().catch(() => {});
    const byChannel = readersByChannel();
    // "N reading now" counts every channel, pollers and open consoles included (as before);
    // the history (writeReaderSamples) leaves the desk out: it is not audience.
    const counts = new Map([...byChannel].map(([eventId, c]) => [eventId, c.page + c.embed + c.desk + c.polling]));
    // Nothing to write and nothing written before: stay off the database.
    if (counts.size === 0 && !hadRows) return;
    writing = true;
    try {
      await publishReaderCounts(processId, counts);
      hadRows = counts.size > 0;
      // The same figures, kept as history for the desk's analytics (lib/analytics).
      await writeReaderSamples(processId, byChannel).catch((error: unknown) =>
        logger().warn({ err: error }, "could not write reader samples"),
      );
    } catch (error) {
      logger().warn({ err: error }, "could not write reader counts");
    } finally {
      writing = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
