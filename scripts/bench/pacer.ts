export interface PaceResult {
  fired: number;
  /** performance.now() of the first and the last call of `fire`. */
  firstAt: number;
  lastAt: number;
  /** How late the worst call was against its schedule (ms): the event loop was busy. */
  maxLagMs: number;
}

/**
 * Calls `fire(i)` for i = 0 … count-1, the i-th at start + i / rate. The schedule is absolute,
 * so a late timer does not push the rest back: the loop fires every call that is due at once
 * (catching up) and then sleeps until the next one. Timers cannot fire sooner than ~1 ms, so at
 * high rates calls come in small bursts, but the average rate holds.
 */
export function pace(
  count: number,
  ratePerSecond: number,
  fire: (index: number) => void,
): Promise<PaceResult> {
  const intervalMs = 1000 / ratePerSecond;
  const start = performance.now();
  let next = 0;
  let firstAt = Number.NaN;
  let lastAt = Number.NaN;
  let maxLagMs = 0;
  return new Promise((resolve, reject) => {
    const tick = () => {
      try {
        const now = performance.now();
        while (next < count && start + next * intervalMs <= now) {
          const firedAt = performance.now();
          maxLagMs = Math.max(maxLagMs, firedAt - (start + next * intervalMs));
          if (next === 0) firstAt = firedAt;
          lastAt = firedAt;
          fire(next);
          next++;
        }
      } catch (err) {
        reject(err);
        return;
      }
      if (next >= count) {
        resolve({ fired: next, firstAt, lastAt, maxLagMs });
        return;
      }
      setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
    };
    tick();
  });
}

/** How late the clients' event loop ran while the taps went on: a blocked loop (GC, big work) vs slow I/O. */
export interface LoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}
