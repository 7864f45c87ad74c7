import "server-only";
import { db } from "@/lib/db";

export type RateLimitRule = {
  /** What is counted, e.g. "sign-in:ip"; the key adds whose attempts. */
  name: string;
  /** Attempts allowed per window. */
  limit: number;
  windowSeconds: number;
};

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Keys are hashed into no more than this; the subject (an email, an address) is bounded by callers. */
const maxKeyLength = 400;

/**
 * Counts one attempt of `subject` under `rule` and says whether it is allowed — one atomic
 * upsert in Postgres, so every server process shares the count and concurrent attempts
 * can never slip past the limit together.
 *
 * A sliding window, approximated the usual way from two fixed windows: the estimate is
 * this window's count plus the previous window's, weighted by how much of it still
 * overlaps the last `windowSeconds`. A refused attempt is given back, so that someone
 * hammering a locked account does not keep it locked forever.
 */
export async function hitRateLimit(rule: RateLimitRule, subject: string): Promise<RateLimitResult> {
  const key = `${rule.name}:${subject}`.slice(0, maxKeyLength);
  const w = rule.windowSeconds;
  const [row] = await db.$queryRaw<{ count: number; prevCount: number; elapsed: number }[]>`
    WITH now AS (
      SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / ${w}::int) * ${w}::int) AS win
    )
    INSERT INTO "RateLimit" ("key", "windowStart", "count", "prevCount", "expiresAt")
    SELECT ${key}, win, 1, 0, win + make_interval(secs => 2 * ${w}::int) FROM now
    ON CONFLICT ("key") DO UPDATE SET
      "prevCount" = CASE
        WHEN "RateLimit"."windowStart" = EXCLUDED."windowStart" THEN "RateLimit"."prevCount"
        WHEN "RateLimit"."windowStart" = EXCLUDED."windowStart" - make_interval(secs => ${w}::int) THEN "RateLimit"."count"
        ELSE 0 END,
      "count" = CASE WHEN "RateLimit"."windowStart" = EXCLUDED."windowStart" THEN "RateLimit"."count" + 1 ELSE 1 END,
      "windowStart" = EXCLUDED."windowStart",
      "expiresAt" = EXCLUDED."expiresAt"
    RETURNING "count", "prevCount",
      extract(epoch FROM clock_timestamp() - "windowStart")::float8 AS elapsed`;
  if (Math.random() < 0.01) void deleteExpiredRateLimits().catch(() => {});

  const { count, prevCount, elapsed } = row!;
  const overlap = Math.max(0, 1 - elapsed / w);
  const estimate = count + prevCount * overlap;
  if (estimate <= rule.limit) return { allowed: true };

  await refundRateLimit(rule, subject);
  // When enough of the previous window has slid out; or, if this window alone is over
  // the limit, when enough of it has slid out after it ends.
  const excess = estimate - rule.limit;
  const wait =
    count <= rule.limit
      ? Math.min((excess / Math.max(prevCount, 1)) * w, w - elapsed)
      : w - elapsed + ((count - rule.limit) / count) * w;
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}

/** Takes back one attempt (a refused one, or one that turned out fine, e.g. a correct password). */
export async function refundRateLimit(rule: RateLimitRule, subject: string): Promise<void> {
  const key = `${rule.name}:${subject}`.slice(0, maxKeyLength);
  await db.$executeRaw`UPDATE "RateLimit" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ${key}`;
}

/** Forgets counters nobody has touched for two windows. Run now and then by hitRateLimit. */
export async function deleteExpiredRateLimits(): Promise<number> {
  return db.$executeRaw`DELETE FROM "RateLimit" WHERE "expiresAt" < now()`;
}
