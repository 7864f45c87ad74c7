import { describe, expect, it } from "vitest";
import { LocalRateLimit } from "./local-rate-limit";

const rule = () => ({ name: "test", limit: 3, windowSeconds: 60 });

describe("LocalRateLimit", () => {
  it("allows the limit per subject and window, then says how long to wait", () => {
    let now = 120_000; // the start of a window
    const limit = new LocalRateLimit(rule, () => now);
    for (let i = 0; i < 3; i++) expect(limit.hit("a")).toEqual({ allowed: true });
    const refused = limit.hit("a");
    expect(refused.allowed).toBe(false);
    // This window alone is over: wait until it has ended and slid partly out.
    expect(!refused.allowed && refused.retryAfterSeconds).toBeGreaterThan(60);
    expect(limit.hit("b")).toEqual({ allowed: true }); // another subject counts alone

    // Next window: the previous one still weighs in proportion to its overlap.
    now = 180_000 + 30_000; // half of the last window overlaps: 3 × 0.5 = 1.5
    expect(limit.hit("a")).toEqual({ allowed: true }); // 1 + 1.5
    expect(limit.hit("a").allowed).toBe(false); // 2 + 1.5 > 3
    now = 300_000 + 1; // a whole window later: forgotten
    for (let i = 0; i < 3; i++) expect(limit.hit("a")).toEqual({ allowed: true });
  });

  it("never counts a refused attempt, so hammering does not extend the wait", () => {
    let now = 0;
    const limit = new LocalRateLimit(rule, () => now);
    for (let i = 0; i < 3; i++) limit.hit("a");
    for (let i = 0; i < 1_000; i++) expect(limit.hit("a").allowed).toBe(false);
    now = 120_000;
    expect(limit.hit("a")).toEqual({ allowed: true });
  });

  it("remembers at most maxKeys subjects, forgetting ended windows, then the least recent", () => {
    let now = 0;
    const limit = new LocalRateLimit(rule, () => now, 2);
    for (let i = 0; i < 3; i++) limit.hit("old");
    now = 120_000;
    limit.hit("x");
    limit.hit("y"); // three subjects: "old" has ended and goes
    for (let i = 0; i < 2; i++) expect(limit.hit("x")).toEqual({ allowed: true });
    limit.hit("z"); // over again: the least recent ("y") goes, "x" stays counted
    expect(limit.hit("x").allowed).toBe(false);
    expect(limit.hit("y")).toEqual({ allowed: true });
  });
});
