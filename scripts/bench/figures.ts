import type { LoadRun, PaceSummary } from "./load";
import type { LoopDelay } from "./pacer";
import type { ProcStats } from "./process-stats";
import { type Summary, summarise } from "./stats";

/** One server process's figures: /proc at the end of the run, and its CPU during the taps alone. */
export interface NodeFigures {
  pid: number;
  startupMs: number;
  peakRssMb: number;
  cpuSeconds: number;
  cpuSecondsDuringTaps: number;
}

/** One system under test (the Wanfeng servers, or the relay) as the clients saw it. */
export interface SystemFigures {
  kiosk: Summary;
  guard: Summary;
  ack: Summary;
  /** The highest peak RSS of its processes. */
  peakRssMb: number;
  /** CPU of all its processes, from start to the end of the run. */
  cpuSeconds: number;
  cpuSecondsDuringTaps: number;
  /** The slowest of its processes from spawn to the first HTTP answer. */
  startupMs: number;
  nodes: NodeFigures[];
  load: {
    pace: PaceSummary;
    clientLoopDelay: LoopDelay;
    clientCpuSeconds: number;
    connectMs: number;
    prepareMs: number;
    strays: number;
    refused: number;
  };
}

export type Ratios = Record<"p50" | "p95" | "p99", { kiosk: number; guard: number; ack: number }>;

/** The figures of a node: /proc at the end of the run, and the CPU it used during the taps. */
export function nodeFigures(
  pid: number,
  startupMs: number,
  cpuSecondsDuringTaps: number,
  atEnd: ProcStats | undefined,
): NodeFigures {
  return {
    pid,
    startupMs,
    peakRssMb: atEnd?.peakRssMb ?? Number.NaN,
    cpuSeconds: atEnd?.cpuSeconds ?? Number.NaN,
    cpuSecondsDuringTaps,
  };
}

export function systemFigures(run: LoadRun, nodes: NodeFigures[]): SystemFigures {
  const sum = (pick: (n: NodeFigures) => number) => nodes.reduce((total, n) => total + pick(n), 0);
  return {
    kiosk: summarise(run.tracker.kiosk),
    guard: summarise(run.tracker.guard),
    ack: summarise(run.tracker.ack),
    peakRssMb: Math.max(...nodes.map((n) => n.peakRssMb)),
    cpuSeconds: sum((n) => n.cpuSeconds),
    cpuSecondsDuringTaps: sum((n) => n.cpuSecondsDuringTaps),
    startupMs: Math.max(...nodes.map((n) => n.startupMs)),
    nodes,
    load: {
      pace: run.pace,
      clientLoopDelay: run.loopDelay,
      clientCpuSeconds: run.clientCpuSeconds,
      connectMs: run.connectMs,
      prepareMs: run.prepareMs,
      strays: run.tracker.strays,
      refused: run.tracker.refused,
    },
  };
}

function ratio(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? a / b : Number.NaN;
}

/** Server over relay for each percentile and series: how far above the floor the server is. */
export function ratios(server: SystemFigures, relay: SystemFigures): Ratios {
  const at = (p: "p50" | "p95" | "p99") => ({
    kiosk: ratio(server.kiosk[p], relay.kiosk[p]),
    guard: ratio(server.guard[p], relay.guard[p]),
    ack: ratio(server.ack[p], relay.ack[p]),
  });
  return { p50: at("p50"), p95: at("p95"), p99: at("p99") };
}

/** What makes the figures doubtful (lost deliveries, refused taps). Empty on a clean run. */
export function problemsOf(label: string, figures: SystemFigures): string[] {
  const problems: string[] = [];
  for (const s of [figures.kiosk, figures.guard, figures.ack]) {
    if (s.missing > 0) problems.push(`${s.name}: ${s.missing} never arrived`);
  }
  if (figures.load.refused > 0)
    problems.push(`${label}: ${figures.load.refused} taps were not pickup requests`);
  if (figures.load.strays > 0) {
    problems.push(`${label}: ${figures.load.strays} times a kiosk heard of a child of another group`);
  }
  return problems;
}
