import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchOptions } from "./options";
import type { LoopDelay, PaceResult } from "./pacer";
import { runRelay } from "./relay";
import { buildBenchRoster, pickTapChildren } from "./roster";
import { type Summary, summarise } from "./stats";
import { layoutScreens, type ScreenLayout } from "./tracker";
import { runWanfeng } from "./wanfeng";

export interface MemorySnapshot {
  label: string;
  rssMb: number;
  heapUsedMb: number;
}

export interface BenchResult {
  options: BenchOptions;
  layout: { kiosks: number; guards: number; groups: number; coveredGroups: number };
  wanfeng: { kiosk: Summary; guard: Summary; ack: Summary; journal: Summary; fsyncs: number };
  relay: { kiosk: Summary; guard: Summary; ack: Summary };
  pacing: { wanfeng: PaceResult; relay: PaceResult };
  loopDelay: { wanfeng: LoopDelay; relay: LoopDelay };
  setup: { setupMs: number; connectMs: number; checkIns: number; checkInMs: number };
  payload: { tapBytes: number; viewBytes: number };
  memory: MemorySnapshot[];
  /** Anything that makes the figures doubtful (failed taps, lost deliveries). Empty on a clean run. */
  problems: string[];
}

export interface BenchHooks {
  /** Progress lines. */
  log?: (line: string) => void;
  /** Told the temporary data folder, so a caller that must exit abruptly can still remove it. */
  dataDirCreated?: (dir: string) => void;
}

const MB = 1024 * 1024;

function memory(label: string): MemorySnapshot {
  const m = process.memoryUsage();
  return { label, rssMb: m.rss / MB, heapUsedMb: m.heapUsed / MB };
}

/** Samples memory while a phase runs and keeps the highest RSS and heap seen. */
async function withPeakMemory<T>(label: string, run: () => Promise<T>): Promise<[T, MemorySnapshot]> {
  const peak = memory(label);
  const sample = () => {
    const now = memory(label);
    peak.rssMb = Math.max(peak.rssMb, now.rssMb);
    peak.heapUsedMb = Math.max(peak.heapUsedMb, now.heapUsedMb);
  };
  const timer = setInterval(sample, 200);
  try {
    const result = await run();
    sample();
    return [result, peak];
  } finally {
    clearInterval(timer);
  }
}

function layoutInfo(layout: ScreenLayout, groups: number): BenchResult["layout"] {
  return {
    kiosks: layout.kioskGroups.length,
    guards: layout.guardCount,
    groups,
    coveredGroups: layout.coveredGroups.length,
  };
}

/**
 * One bench run: the Wanfeng server on a temporary data folder, then the bare relay with the same
 * screens, taps and rate. The folder is removed whatever happens.
 */
export async function runBench(options: BenchOptions, hooks: BenchHooks = {}): Promise<BenchResult> {
  const log = hooks.log ?? (() => {});
  const memorySnapshots: MemorySnapshot[] = [memory("before")];
  const roster = buildBenchRoster(options.children);
  const layout = layoutScreens(options.screens, options.guardShare, roster.groupIds);
  const tapChildren = pickTapChildren(roster, layout.coveredGroups, options.taps);
  log(
    `roster: ${options.children} children in ${roster.groupIds.length} groups; screens: ` +
      `${layout.kioskGroups.length} kiosks over ${layout.coveredGroups.length} groups + ${layout.guardCount} guard`,
  );

  const dataDir = await mkdtemp(join(tmpdir(), "wanfeng-bench-"));
  hooks.dataDirCreated?.(dataDir);
  try {
    log(`wanfeng: ${options.taps} taps at ${options.rate}/s (data in ${dataDir})`);
    const [wanfeng, wanfengPeak] = await withPeakMemory("wanfeng peak", () =>
      runWanfeng({ dataDir, roster, layout, tapChildren, rate: options.rate, drainMs: options.drainMs }),
    );
    memorySnapshots.push(wanfengPeak, memory("after wanfeng"));

    log(`relay: ${options.taps} messages at ${options.rate}/s`);
    const [relay, relayPeak] = await withPeakMemory("relay peak", () =>
      runRelay({
        layout,
        tapChildren,
        rate: options.rate,
        drainMs: options.drainMs,
        tapBytes: wanfeng.tapBytes,
        viewBytes: wanfeng.viewBytes,
      }),
    );
    memorySnapshots.push(relayPeak, memory("after relay"));

    const problems = [...wanfeng.problems];
    for (const series of [wanfeng.tracker, relay.tracker].flatMap((t) => [t.kiosk, t.guard, t.ack])) {
      if (series.missing > 0) problems.push(`${series.name}: ${series.missing} never arrived`);
    }
    return {
      options,
      layout: layoutInfo(layout, roster.groupIds.length),
      wanfeng: {
        kiosk: summarise(wanfeng.tracker.kiosk),
        guard: summarise(wanfeng.tracker.guard),
        ack: summarise(wanfeng.tracker.ack),
        journal: summarise(wanfeng.journal),
        fsyncs: wanfeng.fsyncs,
      },
      relay: {
        kiosk: summarise(relay.tracker.kiosk),
        guard: summarise(relay.tracker.guard),
        ack: summarise(relay.tracker.ack),
      },
      pacing: { wanfeng: wanfeng.pace, relay: relay.pace },
      loopDelay: { wanfeng: wanfeng.loopDelay, relay: relay.loopDelay },
      setup: {
        setupMs: wanfeng.setupMs,
        connectMs: wanfeng.connectMs,
        checkIns: wanfeng.checkIn.count,
        checkInMs: wanfeng.checkIn.ms,
      },
      payload: { tapBytes: wanfeng.tapBytes, viewBytes: wanfeng.viewBytes },
      memory: memorySnapshots,
      problems,
    };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}
