import type { SystemFigures } from "./figures";
import type { PaceSummary } from "./load";
import type { BenchResult } from "./main";
import type { LoopDelay } from "./pacer";
import type { Summary } from "./stats";
import { STALL_GAP_MS, STALL_MIN_TAPS } from "./tail";

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : "-";
}

function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : "-";
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function loop(d: LoopDelay): string {
  return `${ms(d.p50Ms)} / ${ms(d.p99Ms)} / ${ms(d.maxMs)}`;
}

function emitRate(p: PaceSummary): string {
  const seconds = p.tappingMs / 1000;
  return seconds > 0 ? ((p.fired - p.blocks) / seconds).toFixed(1) : "-";
}

function latencyRows(label: string, f: SystemFigures): [string, Summary][] {
  return [
    [`${label} tap → kiosk`, f.kiosk],
    [`${label} tap → guard`, f.guard],
    [`${label} tap → ack`, f.ack],
  ];
}

function processRow(label: string, f: SystemFigures, taps: number): string[] {
  return [
    label,
    ms(f.startupMs),
    f.peakRssMb.toFixed(0),
    f.cpuSeconds.toFixed(2),
    f.cpuSecondsDuringTaps.toFixed(2),
    ((f.cpuSecondsDuringTaps * 1000) / taps).toFixed(2),
  ];
}

/** The printed result: latency per series, the server against the relay, and the processes' cost. */
export function formatReport(r: BenchResult): string {
  const { options: o, layout: l, server: s, relay } = r;
  const latency = table(
    ["series (ms)", "samples", "missing", "p50", "p95", "p99", "max", "mean"],
    [...latencyRows("server", s), ...latencyRows("relay ", relay)].map(([name, x]) => [
      name,
      String(x.count),
      String(x.missing),
      ms(x.p50),
      ms(x.p95),
      ms(x.p99),
      ms(x.max),
      ms(x.mean),
    ]),
  );
  const ratioTable = table(
    ["server / relay", "p50", "p95", "p99"],
    (["kiosk", "guard", "ack"] as const).map((k) => [
      `tap → ${k}`,
      times(r.ratios.p50[k]),
      times(r.ratios.p95[k]),
      times(r.ratios.p99[k]),
    ]),
  );
  const tail = table(
    ["p99 tail", "taps", "in stalls", "stalls", "worst stall"],
    [...latencyRows("server", s), ...latencyRows("relay ", relay)].map(([name, x]) => [
      name,
      String(x.tail.taps),
      String(x.tail.tapsInStalls),
      String(x.tail.stalls),
      x.tail.stalls > 0 ? ms(x.tail.worstStallMs) : "-",
    ]),
  );
  const processes = table(
    ["process", "start-up ms", "peak RSS MB", "CPU s", "CPU s in taps", "CPU ms/tap"],
    [processRow("server", s, o.taps), processRow("relay", relay, o.taps)],
  );
  const lines = [
    "",
    `Wanfeng bench — ${o.children} children in ${l.groups} groups; ${o.screens} screens ` +
      `(${l.kiosks} kiosks over ${l.coveredGroups} groups, ${l.guards} guard); ` +
      `${o.taps} taps at ${o.rate}/s from ${o.gates} gate agent(s), in ${o.rounds} round(s) of a server ` +
      "block and a relay block, taken in turn",
  ];
  lines.push(
    `machine: ${r.machine.cpus} CPUs, load average ${r.machine.loadAverageBefore.toFixed(1)} before, ` +
      `${r.machine.loadAverageAfter.toFixed(1)} after (other work on the machine skews every figure)`,
  );
  if (r.year) {
    lines.push(
      `year: ${r.year.days} school days (${r.year.firstDay} … ${r.year.lastDay}), ${r.year.events} events, ` +
        `${(r.year.bytes / 1e6).toFixed(0)} MB of journal written before the server started`,
    );
  }
  lines.push(
    `payloads: tap ${r.payload.tapBytes} B, first kiosk event ${r.payload.screenEventBytes} B (the relay sends that message, with the tapped child's ids); ` +
      `journal per tap ${r.payload.journalBytesPerTap ?? "?"} B; relay: ${relay.durable.syncs} fsyncs for ` +
      `${relay.durable.lines} lines of ${Math.round(relay.durable.bytes / Math.max(1, relay.durable.lines))} B (group commit)`,
    `clients (this process): emit rate server ${emitRate(s.load.pace)}/s, relay ${emitRate(relay.load.pace)}/s; ` +
      `CPU in taps ${s.load.clientCpuSeconds.toFixed(2)} s / ${relay.load.clientCpuSeconds.toFixed(2)} s; ` +
      `event-loop delay p50/p99/max ms (worst block) ${loop(s.load.clientLoopDelay)} / ${loop(relay.load.clientLoopDelay)}`,
    "A kiosk sample: one kiosk of the tapped child's group, until its first event naming the child; " +
      "a guard sample: one guard screen, likewise.",
    "",
    latency,
    "",
    ratioTable,
    "",
    tail,
    `A stall: ${STALL_MIN_TAPS} or more of the slowest 1% of taps sent within ${STALL_GAP_MS} ms of each other, ` +
      "held up together by one pause (of the machine, the disk or the process), not each by its own work; " +
      "when stalls make most of a tail, that p99 measures them more than the work per tap (README, Reading a run).",
    "",
    processes,
  );
  if (r.problems.length > 0) lines.push("", "PROBLEMS:", ...r.problems.map((p) => `  - ${p}`));
  return lines.join("\n");
}
