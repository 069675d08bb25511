import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { blockSchedule } from "../../scripts/bench/load";
import { runBench } from "../../scripts/bench/main";
import { DEFAULT_OPTIONS, parseBenchArgs, SCHOOL_YEAR_DAYS } from "../../scripts/bench/options";
import { type PreparedSchool, prepareSchool } from "../../scripts/bench/prepare-school";
import { buildBenchRoster } from "../../scripts/bench/roster";
import { pastSchoolDays } from "../../scripts/bench/school-days";
import { percentile } from "../../scripts/bench/stats";
import { castOf, dayEvents } from "../../scripts/bench/year-day";
import { writeSchoolYear } from "../../scripts/bench/year-journal";
import { replay } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";

/** The bench measures, it does not judge: these tests check that it runs and counts, never timings. */
describe("bench", () => {
  it("runs server and relay in their own processes and has every tap acked and seen by every screen", async () => {
    const taps = 20;
    const warmup = 5;
    const result = await runBench({
      ...DEFAULT_OPTIONS,
      children: 30,
      screens: 10,
      rate: 100,
      taps,
      warmup,
      rounds: 3,
      drainMs: 10_000,
      yearDays: 2,
    });
    expect(result.problems).toEqual([]);
    expect(result.layout).toEqual({ kiosks: 9, guards: 1, groups: 1, coveredGroups: 1 });
    // What --json prints: NaN would come out as null.
    const json = JSON.parse(JSON.stringify(result));
    for (const system of [json.server, json.relay]) {
      // One group with 9 kiosks and 1 guard screen: every tap is a sample on each of them.
      expect(system.kiosk).toMatchObject({ count: taps * 9, missing: 0 });
      expect(system.guard).toMatchObject({ count: taps, missing: 0 });
      expect(system.ack).toMatchObject({ count: taps, missing: 0 });
      for (const series of [system.kiosk, system.guard, system.ack]) {
        expect(series.p50).toBeGreaterThan(0);
        expect(series.p99).toBeGreaterThanOrEqual(series.p95);
        expect(series.p95).toBeGreaterThanOrEqual(series.p50);
      }
      expect(system.peakRssMb).toBeGreaterThan(10);
      expect(system.cpuSeconds).toBeGreaterThan(0);
      expect(system.startupMs).toBeGreaterThan(0);
      expect(system.load.refused).toBe(0);
      // Three rounds: 20 taps in blocks of 7, 7 and 6 for each system; the warm-up is not counted.
      expect(system.load.pace).toMatchObject({ fired: taps, blocks: 3 });
    }
    // The server is another process: its peak is its own, not this test's.
    expect(json.server.nodes[0].pid).not.toBe(process.pid);
    for (const p of ["p50", "p95", "p99"]) {
      for (const k of ["kiosk", "guard", "ack"]) expect(json.ratios[p][k]).toBeGreaterThan(0);
    }
    expect(json.relay.durable.lines).toBe(taps + warmup);
    // The relay's durable work is the server's: a line per tap as long as the journal's record of it.
    expect(json.payload.journalBytesPerTap).toBeGreaterThan(json.payload.tapBytes);
    expect(json.relay.durable.bytes / json.relay.durable.lines).toBeCloseTo(
      json.payload.journalBytesPerTap,
      -1,
    );
    expect(json.relay.durable.syncs).toBeGreaterThan(0);
    expect(json.relay.durable.syncs).toBeLessThanOrEqual(taps + warmup);
    // Each series says what its p99 tail is made of (tail.ts).
    for (const system of [json.server, json.relay])
      for (const series of [system.kiosk, system.guard, system.ack]) {
        expect(series.tail.taps).toBeGreaterThan(0);
        expect(series.tail.tapsInStalls).toBeLessThanOrEqual(series.tail.taps);
      }
    expect(json.year).toMatchObject({ days: 2 });
  }, 120_000);

  it("writes school days the server's day state replays: most children checked in, requested and collected", () => {
    const roster = buildBenchRoster(300);
    const school: PreparedSchool = {
      password: "",
      admin: { username: "admin", userId: "user-admin" },
      guard: { username: "guard", userId: "user-guard" },
      gates: [{ deviceId: "device-gate", token: "" }],
      timezone: "Asia/Shanghai",
    };
    const events = dayEvents("2026-03-02", 1, "20260302", castOf(roster), school);
    const times = events.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const state = replay("2026-03-02", events);
    const statuses = [...state.children.values()].map((c) => c.status);
    const collected = statuses.filter((s) => s === "collected").length;
    expect(collected).toBeGreaterThan(300 * 0.9);
    expect(statuses.filter((s) => s === "on_leave").length).toBeGreaterThan(0);
    expect(state.taps.size).toBeGreaterThan(300);
  });

  it("writes a year of day files, each with its own date and ids, copies included", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-bench-year-"));
    try {
      const roster = buildBenchRoster(60);
      const school = await prepareSchool(dataDir, roster, 1);
      const year = await writeSchoolYear(dataDir, roster, school, 7, new Date("2026-03-09T02:00:00Z"));
      expect(year).toMatchObject({ days: 7, firstDay: "2026-02-26", lastDay: "2026-03-06" });
      const files = (await readdir(join(dataDir, "journal"))).sort();
      expect(files).toEqual(
        pastSchoolDays(7, new Date("2026-03-09T02:00:00Z"), "Asia/Shanghai").map((d) => `${d}.jsonl`),
      );
      const ids = new Set<string>();
      for (const file of files) {
        const day = file.slice(0, 10);
        const text = await readFile(join(dataDir, "journal", file), "utf-8");
        const events = text
          .trimEnd()
          .split("\n")
          .map((line) => JSON.parse(line) as DayEvent);
        for (const e of events) {
          expect(e.day).toBe(day);
          expect(e.at.slice(0, 10)).toBe(day);
          ids.add(e.id);
        }
        const collected = [...replay(day, events).children.values()].filter((c) => c.status === "collected");
        expect(collected.length).toBeGreaterThan(60 * 0.8);
      }
      expect(ids.size).toBe(year.events);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it("takes weekdays before today as the school year, oldest first", () => {
    // Monday 9 March 2026, 10:00 in Shanghai.
    const days = pastSchoolDays(6, new Date("2026-03-09T02:00:00Z"), "Asia/Shanghai");
    expect(days).toEqual([
      "2026-02-27",
      "2026-03-02",
      "2026-03-03",
      "2026-03-04",
      "2026-03-05",
      "2026-03-06",
    ]);
  });

  it("splits the taps into rounds that server and relay take in turn, ABBA, the server first", () => {
    const schedule = blockSchedule([1, 2, 3, 4, 5, 6, 7], 3);
    expect(schedule.map((b) => [b.system, b.children])).toEqual([
      ["server", [1, 2, 3]],
      ["relay", [1, 2, 3]],
      ["relay", [4, 5, 6]],
      ["server", [4, 5, 6]],
      ["server", [7]],
      ["relay", [7]],
    ]);
    expect(blockSchedule([1, 2], 1).map((b) => b.system)).toEqual(["server", "relay"]);
  });

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
      options: { screens: 100, rate: 50, taps: DEFAULT_OPTIONS.taps, yearDays: 0, json: false },
    });
    expect(parseBenchArgs(["--json", "--year"])).toMatchObject({
      kind: "run",
      options: { json: true, yearDays: SCHOOL_YEAR_DAYS },
    });
    expect(parseBenchArgs(["--year", "--year-days", "5"])).toMatchObject({ options: { yearDays: 5 } });
    expect(parseBenchArgs(["--year-days", "5"]).kind).toBe("error");
    expect(parseBenchArgs(["--rounds", "3", "--warmup", "0"])).toMatchObject({
      options: { rounds: 3, warmup: 0 },
    });
    expect(parseBenchArgs(["--taps", "2", "--rounds", "3"]).kind).toBe("error");
    expect(parseBenchArgs(["--help"])).toEqual({ kind: "help" });
    expect(parseBenchArgs(["--rate", "fast"]).kind).toBe("error");
    expect(parseBenchArgs(["--bogus"]).kind).toBe("error");
  });
});
