import type { BenchResult } from "./main";
import type { LoopDelay, PaceResult } from "./pacer";
import type { Summary } from "./stats";

function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : "-";
}

function ratio(a: number, b: number): string {
  return Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : "-";
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

function emitRate(p: PaceResult): string {
  const seconds = (p.lastAt - p.firstAt) / 1000;
  return seconds > 0 ? ((p.fired - 1) / seconds).toFixed(1) : "-";
}

/** The printed result: latency per series, Wanfeng against the relay, setup and memory. */
export function formatReport(r: BenchResult): string {
  const { options: o, layout: l } = r;
  const kioskLabel = `tap → kiosk (last of group's)`;
  const guardLabel = `tap → guard (last of ${l.guards})`;
  const rows: [string, Summary][] = [
    [`wanfeng ${kioskLabel}`, r.wanfeng.kiosk],
    [`wanfeng ${guardLabel}`, r.wanfeng.guard],
    ["wanfeng tap → ack (incl. fsync)", r.wanfeng.ack],
    ["wanfeng journal append (write+fsync)", r.wanfeng.journal],
    [`relay   ${kioskLabel}`, r.relay.kiosk],
    [`relay   ${guardLabel}`, r.relay.guard],
    ["relay   tap → ack", r.relay.ack],
  ];
  const latency = table(
    ["series (ms)", "count", "missing", "p50", "p95", "p99", "max", "mean", "done/s"],
    rows.map(([name, s]) => [
      name,
      String(s.count),
      String(s.missing),
      ms(s.p50),
      ms(s.p95),
      ms(s.p99),
      ms(s.max),
      ms(s.mean),
      Number.isFinite(s.throughput) ? s.throughput.toFixed(1) : "-",
    ]),
  );
  const pairs: [string, Summary, Summary][] = [
    ["tap → kiosk", r.wanfeng.kiosk, r.relay.kiosk],
    ["tap → guard", r.wanfeng.guard, r.relay.guard],
    ["tap → ack", r.wanfeng.ack, r.relay.ack],
  ];
  const ratios = table(
    ["wanfeng / relay", "p50", "p95", "p99"],
    pairs.map(([name, w, b]) => [name, ratio(w.p50, b.p50), ratio(w.p95, b.p95), ratio(w.p99, b.p99)]),
  );
  const mem = table(
    ["memory", "rss MB", "heap MB"],
    r.memory.map((m) => [m.label, m.rssMb.toFixed(0), m.heapUsedMb.toFixed(0)]),
  );
  const s = r.setup;
  const lines = [
    "",
    `Wanfeng bench — ${o.children} children in ${l.groups} groups; ${o.screens} screens ` +
      `(${l.kiosks} kiosks over ${l.coveredGroups} groups, ${l.guards} guard); ${o.taps} taps at ${o.rate}/s`,
    `setup ${ms(s.setupMs)} ms (roster write, 2 users, 1 gate device, server start); ` +
      `screens connected and joined in ${ms(s.connectMs)} ms; ` +
      `${s.checkIns} touch check-ins in ${ms(s.checkInMs)} ms (${((s.checkIns * 1000) / s.checkInMs).toFixed(0)}/s)`,
    `journal: ${r.wanfeng.fsyncs} fsyncs for ${r.wanfeng.journal.count} appends during the taps (group commit)`,
    `payloads: tap report ${r.payload.tapBytes} B, child:updated ${r.payload.viewBytes} B (relay copies both); ` +
      `emit rate achieved: wanfeng ${emitRate(r.pacing.wanfeng)}/s (worst lag ${ms(r.pacing.wanfeng.maxLagMs)} ms), ` +
      `relay ${emitRate(r.pacing.relay)}/s (worst lag ${ms(r.pacing.relay.maxLagMs)} ms)`,
    `event-loop delay during the taps (p50 / p99 / max ms): wanfeng ${loop(r.loopDelay.wanfeng)}, ` +
      `relay ${loop(r.loopDelay.relay)}`,
    "",
    latency,
    "",
    ratios,
    "",
    mem,
    "",
    "Clients and servers share this one process; both runs carry the same client load.",
  ];
  if (r.problems.length > 0) lines.push("", "PROBLEMS:", ...r.problems.map((p) => `  - ${p}`));
  return lines.join("\n");
}
