import { describe, expect, it } from "vitest";
import { runBench } from "../../scripts/bench/main";
import { DEFAULT_OPTIONS, parseBenchArgs } from "../../scripts/bench/options";
import { percentile } from "../../scripts/bench/stats";

/** The bench measures, it does not judge: these tests check that it runs and counts, never timings. */
describe("bench", () => {
  it("runs end to end with tiny numbers and has a sample of every tap in every series", async () => {
    const taps = 20;
    const result = await runBench({ ...DEFAULT_OPTIONS, children: 20, screens: 10, rate: 100, taps });
    expect(result.problems).toEqual([]);
    const series = [
      result.wanfeng.kiosk,
      result.wanfeng.guard,
      result.wanfeng.ack,
      result.wanfeng.journal,
      result.relay.kiosk,
      result.relay.guard,
      result.relay.ack,
    ];
    for (const s of series)
      expect({ name: s.name, count: s.count, missing: s.missing }).toEqual({
        name: s.name,
        count: taps,
        missing: 0,
      });
    expect(result.layout).toEqual({ kiosks: 9, guards: 1, groups: 1, coveredGroups: 1 });
  }, 60_000);

  it("takes the nearest-rank percentile over all samples", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
  });

  it("reads its flags and refuses bad ones", () => {
    expect(parseBenchArgs(["--screens", "100", "--rate", "50"])).toMatchObject({
      kind: "run",
      options: { screens: 100, rate: 50, taps: DEFAULT_OPTIONS.taps },
    });
    expect(parseBenchArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseBenchArgs(["--rate", "fast"]).kind).toBe("error");
    expect(parseBenchArgs(["--bogus"]).kind).toBe("error");
  });
});
