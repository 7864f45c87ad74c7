import type { ChannelCounts } from "./reader-channels";

// Pure arithmetic on reader history (lib/analytics): shared by the page, the CSV and tests.

/** Readers in one bucket, summed over processes; `at` is the bucket's start (ISO, UTC). */
export type ReaderPoint = ChannelCounts & { at: string; total: number };

/**
 * The samples as a regular series from the first bucket to the last, with the buckets no
 * process wrote (nobody reading) as zeros. `samples` must be in time order.
 */
export function fillSeries(samples: readonly (ChannelCounts & { at: Date })[], bucketMs: number): ReaderPoint[] {
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return [];
  const byTime = new Map(samples.map((s) => [s.at.getTime(), s]));
  const series: ReaderPoint[] = [];
  for (let t = first.at.getTime(); t <= last.at.getTime(); t += bucketMs) {
    const s = byTime.get(t);
    const [page, embed, polling] = s ? [s.page, s.embed, s.polling] : [0, 0, 0];
    series.push({ at: new Date(t).toISOString(), page, embed, polling, total: page + embed + polling });
  }
  return series;
}

/**
 * At most `maxPoints` points for a chart: each run of `step` buckets becomes one point at
 * the run's start with the figures of its busiest bucket, so no peak is flattened away.
 */
export function thinSeries(series: readonly ReaderPoint[], maxPoints: number): { points: ReaderPoint[]; step: number } {
  const step = Math.max(1, Math.ceil(series.length / maxPoints));
  if (step === 1) return { points: [...series], step };
  const points: ReaderPoint[] = [];
  for (let i = 0; i < series.length; i += step) {
    const run = series.slice(i, i + step);
    points.push({ ...run.reduce((best, p) => (p.total > best.total ? p : best)), at: run[0]!.at });
  }
  return { points, step };
}

/** The bucket with the most readers (the earliest, on a tie); null for no history. */
export function peakOf(series: readonly ReaderPoint[]): { at: string; readers: number } | null {
  let peak: ReaderPoint | null = null;
  for (const point of series) if (!peak || point.total > peak.total) peak = point;
  return peak && peak.total > 0 ? { at: peak.at, readers: peak.total } : null;
}

/** Per channel: its own highest count, and reader-minutes (readers × time) over the series. */
export function channelTotals(
  series: readonly ReaderPoint[],
  bucketMs: number,
): Record<keyof ChannelCounts, { peak: number; readerMinutes: number }> {
  const totals = {
    page: { peak: 0, readerMinutes: 0 },
    embed: { peak: 0, readerMinutes: 0 },
    polling: { peak: 0, readerMinutes: 0 },
  };
  for (const point of series) {
    for (const channel of ["page", "embed", "polling"] as const) {
      totals[channel].peak = Math.max(totals[channel].peak, point[channel]);
      totals[channel].readerMinutes += (point[channel] * bucketMs) / 60_000;
    }
  }
  for (const channel of ["page", "embed", "polling"] as const) {
    totals[channel].readerMinutes = Math.round(totals[channel].readerMinutes);
  }
  return totals;
}

/**
 * The series as CSV: a header, then one row per bucket. Safe against CSV injection by
 * construction: every cell is an ISO time or a whole number (never text a person wrote,
 * so no cell can start with =, +, - or @).
 */
export function readersCsv(series: readonly ReaderPoint[]): string {
  const rows = series.map((p) => [p.at, p.page, p.embed, p.polling, p.total].join(","));
  return ["time_utc,page,embed,polling,total", ...rows].join("\r\n") + "\r\n";
}
