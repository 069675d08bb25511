/**
 * What the p99 of a run is made of. The slowest 1% of taps is often not spread over the run: on
 * the two-core VM the bench was tuned on, most runs had pauses of 30-50 ms that held up the seven
 * to ten taps sent meanwhile all together, on the relay as often as on the server (six on each in
 * six runs examined). Such a stall decides the p99 of whichever system it falls on, so that run's
 * p99 ratio is a ratio of stalls, not of the work per tap. The bench counts them so that a reader
 * sees which it was (README, "Reading a run").
 */

/** Taps of the tail sent this close after the previous one belong to the same stall. */
export const STALL_GAP_MS = 50;
/** Fewer tail taps together than this are slow taps, not a stall. */
export const STALL_MIN_TAPS = 3;

export interface TailSummary {
  /** Taps with at least one sample at or above the p99. */
  taps: number;
  /** Of them, taps held up together in a stall. */
  tapsInStalls: number;
  stalls: number;
  /** The slowest sample in a stall (ms); 0 without stalls. */
  worstStallMs: number;
}

/**
 * The tail of one series: `startedAt[i]` is when sample i's tap was sent (taps seen by several
 * screens have several samples with the same start), `latencies[i]` how long it took.
 */
export function tailOf(startedAt: readonly number[], latencies: readonly number[], p99: number): TailSummary {
  const slowest = new Map<number, number>();
  latencies.forEach((latency, i) => {
    const start = startedAt[i];
    if (start === undefined || !(latency >= p99)) return;
    slowest.set(start, Math.max(slowest.get(start) ?? 0, latency));
  });
  const tail = [...slowest].sort(([a], [b]) => a - b);
  const groups: { last: number; taps: number; worst: number }[] = [];
  for (const [start, latency] of tail) {
    const group = groups.at(-1);
    if (group && start - group.last <= STALL_GAP_MS) {
      group.last = start;
      group.taps++;
      group.worst = Math.max(group.worst, latency);
    } else groups.push({ last: start, taps: 1, worst: latency });
  }
  const stalls = groups.filter((g) => g.taps >= STALL_MIN_TAPS);
  return {
    taps: tail.length,
    tapsInStalls: stalls.reduce((sum, g) => sum + g.taps, 0),
    stalls: stalls.length,
    worstStallMs: Math.max(0, ...stalls.map((g) => g.worst)),
  };
}
