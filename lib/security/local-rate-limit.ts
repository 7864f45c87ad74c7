import "server-only";
import type { RateLimitResult, RateLimitRule } from "./rate-limit";

type Window = { start: number; count: number; previous: number };

/**
 * A rate limit counted in this process's memory: no database write per attempt, for the
 * readers' hot paths (a reaction storm), where lib/security/rate-limit.ts would cost a
 * commit per request. The same sliding window, approximated from two fixed windows. Each
 * process counts alone, so with N processes an address may reach N × the limit: it bounds
 * abuse, it is not what keeps counts exact (that is the reader token's key). At most
 * `maxKeys` subjects are remembered; past that, windows that have ended are forgotten
 * first, then the oldest.
 */
export class LocalRateLimit {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly rule: () => RateLimitRule,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  hit(subject: string): RateLimitResult {
    const { limit, windowSeconds } = this.rule();
    const w = windowSeconds * 1000;
    const at = this.now();
    const start = Math.floor(at / w) * w;
    const known = this.windows.get(subject);
    const window: Window =
      known?.start === start ? known : { start, count: 0, previous: known?.start === start - w ? known.count : 0 };
    const elapsed = at - start;
    const estimate = window.count + 1 + window.previous * Math.max(0, 1 - elapsed / w);
    if (estimate > limit) {
      // Refused attempts are not counted, as the shared limit gives them back.
      const excess = estimate - limit;
      const wait =
        window.count + 1 <= limit
          ? Math.min((excess / Math.max(window.previous, 1)) * w, w - elapsed)
          : w - elapsed + ((window.count + 1 - limit) / (window.count + 1)) * w;
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    window.count++;
    this.windows.delete(subject); // re-inserted last: the Map's order is least recently used first
    this.windows.set(subject, window);
    if (this.windows.size > this.maxKeys) this.forget(start - w);
    return { allowed: true };
  }

  private forget(before: number): void {
    for (const [subject, window] of this.windows) if (window.start < before) this.windows.delete(subject);
    for (const subject of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(subject);
    }
  }
}
