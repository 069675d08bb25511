import { type TailSummary, tailOf } from "./tail";

/** Latency samples of one series, in milliseconds, with the window they were taken in. */
export interface Series {
  name: string;
  /** Latency of every completed sample (ms). */
  samples: number[];
  /** performance.now() when each sample's tap was sent, in the order of `samples`. */
  startedAt: number[];
  /** performance.now() of the first emit and of the last completion: the throughput window. */
  firstAt: number;
  lastAt: number;
  /** Samples that never completed before the drain ended. */
  missing: number;
}

export function newSeries(name: string): Series {
  return { name, samples: [], startedAt: [], firstAt: Number.POSITIVE_INFINITY, lastAt: 0, missing: 0 };
}

/** Records one sample: started at `startAt`, done at `doneAt` (both performance.now()). */
export function record(series: Series, startAt: number, doneAt: number): void {
  series.samples.push(doneAt - startAt);
  series.startedAt.push(startAt);
  if (startAt < series.firstAt) series.firstAt = startAt;
  if (doneAt > series.lastAt) series.lastAt = doneAt;
}

export interface Summary {
  name: string;
  count: number;
  missing: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** Completed samples per second over [first emit, last completion]. */
  throughput: number;
  /** The taps at or above the p99, and how many of them a stall held up together (tail.ts). */
  tail: TailSummary;
}

/**
 * Nearest-rank percentile over all samples (no sampling, no interpolation): the smallest value
 * that at least p% of the samples are less than or equal to. `sorted` must be ascending.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  if (p <= 0) return sorted[0] ?? Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}

export function summarise(series: Series): Summary {
  const sorted = [...series.samples].sort((a, b) => a - b);
  const count = sorted.length;
  const windowS = (series.lastAt - series.firstAt) / 1000;
  const p99 = percentile(sorted, 99);
  return {
    name: series.name,
    count,
    missing: series.missing,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99,
    max: sorted[count - 1] ?? Number.NaN,
    mean: count === 0 ? Number.NaN : sorted.reduce((a, b) => a + b, 0) / count,
    throughput: count > 1 && windowS > 0 ? count / windowS : Number.NaN,
    tail: tailOf(series.startedAt, series.samples, p99),
  };
}
