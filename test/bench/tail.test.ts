import { describe, expect, it } from "vitest";
import { STALL_GAP_MS, tailOf } from "../../scripts/bench/tail";

describe("the p99 tail of a bench series", () => {
  it("counts a tap once however many screens saw it, and only taps at or above the p99", () => {
    // Taps every 5 ms; tap at 100 ms seen by two kiosks, one of them slow.
    const startedAt = [0, 5, 100, 100, 200];
    const latencies = [1, 1, 2, 9, 8];
    expect(tailOf(startedAt, latencies, 8)).toEqual({ taps: 2, tapsInStalls: 0, stalls: 0, worstStallMs: 0 });
  });

  it("finds taps held up together: three or more slow taps sent close after each other", () => {
    const startedAt: number[] = [];
    const latencies: number[] = [];
    const tap = (at: number, ms: number) => {
      startedAt.push(at);
      latencies.push(ms);
    };
    // A stall at 1 s: four taps 5 ms apart, all slow (the first waited longest).
    for (let i = 0; i < 4; i++) tap(1000 + 5 * i, 40 - 5 * i);
    // Two slow taps close together are not a stall; nor is one alone.
    tap(3000, 12);
    tap(3000 + STALL_GAP_MS, 11);
    tap(6000, 15);
    // Fast taps between them change nothing.
    for (let at = 0; at < 7000; at += 250) tap(at + 1, 1);
    expect(tailOf(startedAt, latencies, 11)).toEqual({
      taps: 7,
      tapsInStalls: 4,
      stalls: 1,
      worstStallMs: 40,
    });
  });

  it("splits stalls more than the gap apart", () => {
    const startedAt = [0, 10, 20, 20 + STALL_GAP_MS + 1, 80, 90];
    const latencies = [30, 30, 30, 20, 25, 20];
    expect(tailOf(startedAt, latencies, 20)).toMatchObject({
      taps: 6,
      tapsInStalls: 6,
      stalls: 2,
      worstStallMs: 30,
    });
  });
});
