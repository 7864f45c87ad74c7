// Summary statistics for the benchmark's samples (latencies in ms).

/** The nearest-rank percentile (p in 0..100) of `samples`; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export type Summary = { count: number; p50: number; p99: number; max: number };

export function summarize(samples: readonly number[]): Summary {
  return {
    count: samples.length,
    p50: percentile(samples, 50),
    p99: percentile(samples, 99),
    max: samples.length ? Math.max(...samples) : Number.NaN,
  };
}

/** Rounds for a report: 1 decimal under 100, whole numbers above; null stays null. */
export function round(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  return Math.abs(value) < 100 ? Math.round(value * 10) / 10 : Math.round(value);
}

/** a / b for the ratio columns, or null when either side is missing. */
export function ratio(a: number | null, b: number | null): number | null {
  if (a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return null;
  return Math.round((a / b) * 100) / 100;
}

/** A clock comparable across this machine's processes: epoch milliseconds, sub-ms resolution. */
export function now(): number {
  return performance.timeOrigin + performance.now();
}
