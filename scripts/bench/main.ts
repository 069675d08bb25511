import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import {
  type NodeFigures,
  nodeFigures,
  problemsOf,
  type Ratios,
  ratios,
  type SystemFigures,
  systemFigures,
} from "./figures";
import { layoutScreens } from "./layout";
import { type LoadPlan, type LoadRun, runLoad } from "./load";
import type { BenchOptions } from "./options";
import { prepareSchool } from "./prepare-school";
import type { ProcStats } from "./process-stats";
import { RelayTarget } from "./relay-target";
import { buildBenchRoster, pickTapChildren } from "./roster";
import type { ServiceProcess } from "./service-process";
import {
  importIntoDatabase,
  relayStats,
  type ServiceEnv,
  startRelay,
  startWanfeng,
  type WanfengPlace,
} from "./services";
import type { LoadTarget } from "./target";
import { WanfengTarget } from "./wanfeng-target";
import { writeSchoolYear, type YearWritten } from "./year-journal";

export interface BenchResult {
  options: BenchOptions;
  layout: { kiosks: number; guards: number; groups: number; coveredGroups: number };
  server: SystemFigures;
  relay: SystemFigures & { durable: { lines: number; syncs: number } };
  ratios: Ratios;
  payload: { tapBytes: number; screenEventBytes: number };
  /** Other work on the machine skews every figure: the 1-minute load average before and after. */
  machine: { cpus: number; loadAverageBefore: number; loadAverageAfter: number };
  /** With --year: what was written before the server started. */
  year?: YearWritten;
  /** Anything that makes the figures doubtful (failed taps, lost deliveries). Empty on a clean run. */
  problems: string[];
}

export interface BenchHooks {
  /** Progress lines. */
  log?: (line: string) => void;
  /** Told the temporary folder, so a caller that must exit abruptly can still remove it. */
  dataDirCreated?: (dir: string) => void;
  /** The environment of the server and relay processes (default: this process's). */
  serviceEnv?: NodeJS.ProcessEnv;
}

/** Runs the load against already started processes, reading their /proc figures around the taps. */
async function measure(
  nodes: ServiceProcess[],
  target: LoadTarget,
  plan: Omit<LoadPlan, "endpoints">,
  log: (line: string) => void,
): Promise<[LoadRun, NodeFigures[]]> {
  let atStart: (ProcStats | undefined)[] = [];
  let atEnd: (ProcStats | undefined)[] = [];
  const run = await runLoad(
    target,
    { ...plan, endpoints: nodes.map((n) => n.url) },
    {
      log,
      tapsStarting: () => {
        atStart = nodes.map((n) => n.stats());
      },
      tapsDone: () => {
        atEnd = nodes.map((n) => n.stats());
      },
    },
  );
  const figures = nodes.map((n, i) => nodeFigures(n.pid, n.startupMs, atStart[i], atEnd[i], n.stats()));
  return [run, figures];
}

/**
 * One bench run in a temporary folder: the school written into a data folder, the Wanfeng server
 * started on it in its own process and loaded, then the relay process with the same load. The
 * folder is removed and every process stopped whatever happens.
 */
export async function runBench(options: BenchOptions, hooks: BenchHooks = {}): Promise<BenchResult> {
  const log = hooks.log ?? (() => {});
  const loadAverageBefore = loadavg()[0] ?? Number.NaN;
  const roster = buildBenchRoster(options.children);
  const layout = layoutScreens(options.screens, options.guardShare, roster.groupIds);
  const tapChildren = pickTapChildren(roster, layout.coveredGroups, options.taps);
  log(
    `roster: ${options.children} children in ${roster.groupIds.length} groups; screens: ` +
      `${layout.kioskGroups.length} kiosks over ${layout.coveredGroups.length} groups + ${layout.guardCount} guard`,
  );
  const plan = { layout, tapChildren, gates: options.gates, rate: options.rate, drainMs: options.drainMs };

  const tmp = await mkdtemp(join(tmpdir(), "wanfeng-bench-"));
  hooks.dataDirCreated?.(tmp);
  const io: ServiceEnv = { env: hooks.serviceEnv ?? process.env, logDir: tmp };
  const running: ServiceProcess[] = [];
  try {
    const dataDir = join(tmp, "data");
    const school = await prepareSchool(dataDir, roster, options.gates);
    let year: YearWritten | undefined;
    if (options.yearDays > 0) {
      log(`year: writing ${options.yearDays} school days of journals`);
      year = await writeSchoolYear(dataDir, roster, school, options.yearDays);
      log(
        `year: ${year.events} events, ${(year.bytes / 1e6).toFixed(0)} MB in ${(year.writeMs / 1000).toFixed(1)} s`,
      );
    }

    let place: WanfengPlace = { dataDir };
    if (options.database) {
      const name = `bench ${new Date().toISOString()}`;
      log(`database: db import of the generated school as "${name}"`);
      await importIntoDatabase(dataDir, options.database, name);
      place = { database: options.database, school: name, nodes: options.nodes, nodeDir: tmp };
      log(`server: ${options.nodes} node(s) of wanfeng start --database`);
    } else {
      log(`server: wanfeng start (data in ${dataDir})`);
    }
    const servers = await startWanfeng(place, io);
    running.push(...servers);
    const wanfeng = new WanfengTarget(school);
    const [serverRun, serverNodes] = await measure(servers, wanfeng, plan, log);
    await Promise.all(servers.map((s) => s.stop()));
    const server = systemFigures(serverRun, serverNodes);

    const relayDir = join(tmp, "relay");
    await mkdir(relayDir);
    const relay = await startRelay(join(relayDir, "relay.jsonl"), serverRun.screenEventBytes, io);
    running.push(relay);
    const [relayRun, relayNodes] = await measure([relay], new RelayTarget(wanfeng.tapBytes()), plan, log);
    const durable = await relayStats(relay);
    await relay.stop();
    const floor = { ...systemFigures(relayRun, relayNodes), durable };

    return {
      options,
      layout: {
        kiosks: layout.kioskGroups.length,
        guards: layout.guardCount,
        groups: roster.groupIds.length,
        coveredGroups: layout.coveredGroups.length,
      },
      server,
      relay: floor,
      ratios: ratios(server, floor),
      machine: {
        cpus: availableParallelism(),
        loadAverageBefore,
        loadAverageAfter: loadavg()[0] ?? Number.NaN,
      },
      payload: { tapBytes: wanfeng.tapBytes(), screenEventBytes: serverRun.screenEventBytes },
      ...(year ? { year } : {}),
      problems: [...problemsOf("server", server), ...problemsOf("relay", floor)],
    };
  } finally {
    await Promise.all(running.map((s) => s.stop()));
    if (options.keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}
