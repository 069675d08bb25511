/**
 * When a tap happened, by the server's clock: the agent's reading time corrected by that agent's
 * clock offset (server minus agent, as the agent last measured it or the server last heard). A tap
 * delivered late keeps its own time; it can never be later than its receipt. A time beyond
 * FUTURE_MARGIN_MS ahead of the receipt is a broken or forged clock: the tap is refused, never
 * moved to now (that would turn a tap of another day into one of today).
 */

/** How far ahead of its receipt a corrected tap time may be before it is refused. */
export const FUTURE_MARGIN_MS = 5 * 60_000;

export type TapTime = { ok: true; at: Date } | { ok: false };

export function tapTimeOf(reportAt: string, clockOffsetMs: number, receivedAt: Date): TapTime {
  const corrected = Date.parse(reportAt) + clockOffsetMs;
  if (!Number.isFinite(corrected) || corrected > receivedAt.getTime() + FUTURE_MARGIN_MS) {
    return { ok: false };
  }
  return { ok: true, at: new Date(Math.min(corrected, receivedAt.getTime())) };
}
