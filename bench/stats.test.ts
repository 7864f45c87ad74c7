import { describe, expect, it } from "vitest";
import { generatorsFor, hostsFor, parseOptions, workersFor } from "./options";
import { percentile, ratio, round, summarize } from "./stats";

describe("benchmark statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([3], 99)).toBe(3);
    expect(percentile([], 50)).toBeNaN();
    expect(summarize([5, 1, 9])).toEqual({ count: 3, p50: 5, p99: 9, max: 9 });
  });

  it("rounds and divides for the report, leaving gaps as null", () => {
    expect(round(12.345)).toBe(12.3);
    expect(round(1234.5)).toBe(1235);
    expect(round(Number.NaN)).toBeNull();
    expect(ratio(3, 2)).toBe(1.5);
    expect(ratio(3, null)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
  });
});

describe("benchmark options", () => {
  it("defaults to a few-minute run and takes --full or --readers", () => {
    expect(parseOptions([]).readers).toEqual([2_000, 5_000, 10_000]);
    expect(parseOptions(["--full"]).readers).toContain(50_000);
    expect(parseOptions(["--readers", "50000,1000"]).readers).toEqual([1_000, 50_000]);
    expect(() => parseOptions(["--targets", "apache"])).toThrow(/Unknown target/);
    expect(() => parseOptions(["--posts", "0"])).toThrow(/positive/);
  });

  it("keeps every process under the 20,000 descriptor limit at 50,000 readers", () => {
    const options = parseOptions(["--full"]);
    expect(50_000 / workersFor(50_000, options)).toBeLessThanOrEqual(12_000);
    expect(50_000 / generatorsFor(50_000, options)).toBeLessThan(20_000);
    expect(hostsFor(50_000)).toEqual(["127.0.0.2", "127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6"]);
  });
});
