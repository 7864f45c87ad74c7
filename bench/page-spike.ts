// Page spike: a crowd opening /e/<slug> at once. Requests per second of HTML from the
// load generators (keep-alive clients back to back), and database work per request:
// Postgres's committed + rolled-back transaction count (pg_stat_database) over the spike,
// minus the background rate (schedulers, health) measured just before. Each statement
// outside a transaction is one transaction, so this counts queries, or fewer.
import pg from "pg";
import type { Generators } from "./generators";
import { round, summarize } from "./stats";

export type PageSpike = {
  requestsPerSec: number | null;
  p99Ms: number | null;
  ok: number;
  failed: number;
  /** The body as sent, on average (gzip where the server gives it). */
  bytesPerResponse: number | null;
  queriesPerRequest: number | null;
};

// Backends report their statistics at most once a second, and an idle one only after
// 10 s (PGSTAT_IDLE_INTERVAL): wait that long before reading the counter.
const statsFlushMs = 11_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function measurePageSpike(options: {
  url: string;
  databaseUrl: string;
  generators: Generators;
  seconds: number;
  concurrency: number;
}): Promise<PageSpike> {
  const { url, databaseUrl, generators, seconds, concurrency } = options;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const database = new URL(databaseUrl).pathname.slice(1);
    // Each reading is itself one transaction.
    const transactions = async () => {
      const { rows } = await client.query<{ n: string }>(
        "SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1",
        [database],
      );
      return Number(rows[0]!.n);
    };
    await generators.hammer(url, 4, 1); // warm the page
    await sleep(statsFlushMs);
    const t0 = await transactions();
    await sleep(statsFlushMs);
    const t1 = await transactions();
    const backgroundPerMs = Math.max(0, t1 - t0 - 1) / statsFlushMs;

    const start = Date.now();
    const result = await generators.hammer(url, concurrency, seconds);
    await sleep(statsFlushMs);
    const t2 = await transactions();
    const spikeTransactions = t2 - t1 - 1 - backgroundPerMs * (Date.now() - start);
    const latency = summarize(result.latenciesMs);
    return {
      requestsPerSec: round(result.ok / seconds),
      p99Ms: round(latency.p99),
      ok: result.ok,
      failed: result.failed,
      bytesPerResponse: result.ok + result.failed ? Math.round(result.bytes / (result.ok + result.failed)) : null,
      queriesPerRequest: result.ok ? Math.max(0, Math.round((spikeTransactions / result.ok) * 1000) / 1000) : null,
    };
  } finally {
    await client.end();
  }
}
