import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { unique } from "@/test/factories";
import { deleteExpiredRateLimits, hitRateLimit, refundRateLimit, type RateLimitRule } from "./rate-limit";

const rule = (limit: number, windowSeconds = 600): RateLimitRule => ({
  name: `test-${unique()}`,
  limit,
  windowSeconds,
});

describe("hitRateLimit", () => {
  it("allows `limit` attempts in a window, then refuses with a Retry-After within the window", async () => {
    const r = rule(3);
    for (let i = 0; i < 3; i++) expect(await hitRateLimit(r, "1.2.3.4")).toEqual({ allowed: true });
    const refused = await hitRateLimit(r, "1.2.3.4");
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) {
      expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(2 * 600);
    }
    // Another subject has its own count.
    expect(await hitRateLimit(r, "5.6.7.8")).toEqual({ allowed: true });
  });

  it("counts atomically: of 40 concurrent attempts, exactly `limit` get through", async () => {
    const r = rule(7);
    const results = await Promise.all(Array.from({ length: 40 }, () => hitRateLimit(r, "crowd")));
    expect(results.filter((x) => x.allowed)).toHaveLength(7);
    // Refused attempts were given back: the stored count is the limit, not 40.
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key: `${r.name}:crowd` } });
    expect(row.count).toBe(7);
  });

  it("a refund gives an attempt back", async () => {
    const r = rule(1);
    expect((await hitRateLimit(r, "x")).allowed).toBe(true);
    expect((await hitRateLimit(r, "x")).allowed).toBe(false);
    await refundRateLimit(r, "x");
    expect((await hitRateLimit(r, "x")).allowed).toBe(true);
  });

  it("weighs the previous window: a full previous window still refuses early in the next", async () => {
    const r = rule(5, 3600);
    const key = `${r.name}:slide`;
    // As if the previous hour's window had 5 attempts and this hour's has none yet.
    const [current] = await db.$queryRaw<{ win: Date }[]>`
      SELECT to_timestamp(floor(extract(epoch FROM clock_timestamp()) / 3600) * 3600) AS win`;
    const win = current!.win;
    const previous = new Date(win.getTime() - 3600_000);
    await db.rateLimit.create({
      data: { key, windowStart: previous, count: 5, prevCount: 0, expiresAt: new Date(win.getTime() + 3600_000) },
    });
    const elapsed = (Date.now() - win.getTime()) / 3600_000;
    const result = await hitRateLimit(r, "slide");
    // estimate = 1 + 5 × (1 − elapsed): over 5 unless most of this hour has passed.
    expect(result.allowed).toBe(1 + 5 * (1 - elapsed) <= 5);
    const row = await db.rateLimit.findUniqueOrThrow({ where: { key } });
    expect(row.prevCount).toBe(5);
  });

  it("deletes counters past their expiry", async () => {
    const key = `test-${unique()}:old`;
    const past = new Date(Date.now() - 60_000);
    await db.rateLimit.create({ data: { key, windowStart: past, count: 1, expiresAt: past } });
    expect(await deleteExpiredRateLimits()).toBeGreaterThanOrEqual(1);
    expect(await db.rateLimit.findUnique({ where: { key } })).toBeNull();
  });
});
