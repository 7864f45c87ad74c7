import { describe, expect, it } from "vitest";
import { readersCsv, thinSeries, type ReaderPoint } from "./reader-series";

const point = (i: number, total: number): ReaderPoint => ({
  at: new Date(Date.UTC(2026, 11, 5, 18, 0, i * 30)).toISOString(),
  page: total,
  embed: 0,
  polling: 0,
  total,
});

describe("reader series", () => {
  it("thins a long series to its busiest buckets, at each run's start", () => {
    const series = [1, 7, 3, 2, 9, 4, 5].map((n, i) => point(i, n));
    const { points, step } = thinSeries(series, 3);
    expect(step).toBe(3);
    expect(points.map((p) => [p.at, p.total])).toEqual([
      [series[0]!.at, 7],
      [series[3]!.at, 9],
      [series[6]!.at, 5],
    ]);
    expect(thinSeries(series, 10).points).toEqual(series);
  });

  it("writes CSV of ISO times and numbers only", () => {
    expect(readersCsv([point(0, 3), point(1, 0)])).toBe(
      "time_utc,page,embed,polling,total\r\n2026-12-05T18:00:00.000Z,3,0,0,3\r\n2026-12-05T18:00:30.000Z,0,0,0,0\r\n",
    );
  });
});
