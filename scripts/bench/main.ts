import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { nodeFigures, problemsOf, type Ratios, ratios, type SystemFigures, systemFigures } from "./figures";
import { JournalGrowth } from "./journal-growth";
import { layoutScreens } from "./layout";
import { type BlockPlan, blockSchedule, LoadSession } from "./load";
import type { BenchOptions } from "./options";
import { prepareSchool } from "./prepare-school";
import type { ProcStats } from "./process-stats";
import { relayTemplate } from "./relay-message";
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
import { WanfengTarget } from "./wanfeng-target";
import { writeSchoolYear, type YearWritten } from "./year-journal";

export interface BenchResult {
  options: BenchOptions;
  layout: { kiosks: number; guards: number; groups: number; coveredGroups: number };
  server: SystemFigures;
  relay: SystemFigures & { durable: { lines: number; syncs: number; bytes: number } };
  ratios: Ratios;
  /** journalBytesPerTap: what the server's journal grew by per tap (file journal only); the relay's line. */
  payload: { tapBytes: number; screenEventBytes: number; journalBytesPerTap?: number };
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

/**
 * One system under test (its processes and its connected load): taps it in blocks, summing the
 * CPU its processes use during its own blocks only (the other system's blocks run in between).
 */
class SystemUnderTest {
  readonly #cpuDuringTaps: number[];

  constructor(
    readonly nodes: ServiceProcess[],
    readonly session: LoadSession,
  ) {
    this.#cpuDuringTaps = nodes.map(() => 0);
  }

  async block(plan: BlockPlan): Promise<void> {
    let atStart: (ProcStats | undefined)[] = [];
    await this.session.block(plan, {
      tapsStarting: () => {
        atStart = this.nodes.map((n) => n.stats());
      },
      tapsDone: () => {
        this.nodes.forEach((n, i) => {
          const used = (n.stats()?.cpuSeconds ?? Number.NaN) - (atStart[i]?.cpuSeconds ?? Number.NaN);
          this.#cpuDuringTaps[i] = (this.#cpuDuringTaps[i] ?? 0) + used;
        });
      },
    });
  }

  /** Read while the processes still run (their peak RSS and CPU from /proc). */
  figures(): SystemFigures {
    const nodes = this.nodes.map((n, i) =>
      nodeFigures(n.pid, n.startupMs, this.#cpuDuringTaps[i] ?? Number.NaN, n.stats()),
    );
    return systemFigures(this.session.result(), nodes);
  }
}

/**
 * One bench run in a temporary folder: the school written into a data folder, the Wanfeng server
 * started on it in its own process, the relay in another, the same screens connected to each, and
 * the taps sent in blocks that alternate between the two (see blockSchedule), so a slow spell of
 * the disk or the machine falls on both alike. The folder is removed and every process stopped
 * whatever happens.
 */
export async function runBench(options: BenchOptions, hooks: BenchHooks = {}): Promise<BenchResult> {
  const log = hooks.log ?? (() => {});
  const loadAverageBefore = loadavg()[0] ?? Number.NaN;
  const roster = buildBenchRoster(options.children);
  const layout = layoutScreens(options.screens, options.guardShare, roster.groupIds);
  const picked = pickTapChildren(roster, layout.coveredGroups, options.warmup + options.taps);
  const warmUpChildren = picked.slice(0, options.warmup);
  const tapChildren = picked.slice(options.warmup);
  log(
    `roster: ${options.children} children in ${roster.groupIds.length} groups; screens: ` +
      `${layout.kioskGroups.length} kiosks over ${layout.coveredGroups.length} groups + ${layout.guardCount} guard`,
  );

  const tmp = await mkdtemp(join(tmpdir(), "wanfeng-bench-"));
  hooks.dataDirCreated?.(tmp);
  const io: ServiceEnv = { env: hooks.serviceEnv ?? process.env, logDir: tmp };
  const running: ServiceProcess[] = [];
  const sessions: LoadSession[] = [];
  /**
   * Started after the server's first block, which gives the message the relay sends its screens
   * (the server's first kiosk message) and how many bytes its journal took per tap (the relay's
   * line is as long).
   */
  const openRelay = async (
    serverSession: LoadSession,
    wanfeng: WanfengTarget,
    lineBytes: number,
  ): Promise<SystemUnderTest> => {
    const relayDir = join(tmp, "relay");
    await mkdir(relayDir);
    const sample = serverSession.screenMessage();
    if (!sample) throw new Error("no kiosk heard of a tapped child in the server's first block");
    const viewTemplate = join(relayDir, "screen-message.json");
    await writeFile(viewTemplate, relayTemplate(sample, new Set(roster.db.children.map((c) => c.id))));
    const relayProcess = await startRelay(join(relayDir, "relay.jsonl"), { viewTemplate, lineBytes }, io);
    running.push(relayProcess);
    const target = new RelayTarget(wanfeng.tapBytes());
    const session = await LoadSession.open(
      target,
      { endpoints: [relayProcess.url], layout, gates: options.gates },
      log,
    );
    sessions.push(session);
    await session.prepare([]);
    await session.warmUp(warmUpChildren, options.rate, options.drainMs);
    return new SystemUnderTest([relayProcess], session);
  };
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
    const endpoints = servers.map((n) => n.url);
    const serverSession = await LoadSession.open(wanfeng, { endpoints, layout, gates: options.gates }, log);
    sessions.push(serverSession);
    await serverSession.prepare(picked);
    // The journal's growth over the server's taps before the relay starts: its record of a tap.
    const journal = "dataDir" in place ? new JournalGrowth(join(dataDir, "journal")) : undefined;
    await journal?.start();
    await serverSession.warmUp(warmUpChildren, options.rate, options.drainMs);
    const server = new SystemUnderTest(servers, serverSession);

    let relay: SystemUnderTest | undefined;
    const schedule = blockSchedule(tapChildren, options.rounds);
    log(
      `${options.taps} taps at ${options.rate}/s to each (after ${options.warmup} unmeasured), in ` +
        `${schedule.length / 2} round(s) of a server block and a relay block`,
    );
    let serverTaps = warmUpChildren.length;
    let journalBytesPerTap: number | undefined;
    for (const step of schedule) {
      if (step.system === "relay" && relay === undefined) {
        journalBytesPerTap = await journal?.bytesPer(serverTaps);
        relay = await openRelay(serverSession, wanfeng, journalBytesPerTap ?? 0);
      }
      if (step.system === "server") serverTaps += step.children.length;
      const system = step.system === "server" ? server : relay;
      if (!system) throw new Error("the relay runs after the server's first block");
      await system.block({ children: step.children, rate: options.rate, drainMs: options.drainMs });
    }
    if (!relay) throw new Error("no relay block ran");
    const serverFigures = server.figures();
    const relayFigures = relay.figures();
    const durable = await relayStats(relay.nodes[0] as ServiceProcess);
    const floor = { ...relayFigures, durable };

    return {
      options,
      layout: {
        kiosks: layout.kioskGroups.length,
        guards: layout.guardCount,
        groups: roster.groupIds.length,
        coveredGroups: layout.coveredGroups.length,
      },
      server: serverFigures,
      relay: floor,
      ratios: ratios(serverFigures, floor),
      machine: {
        cpus: availableParallelism(),
        loadAverageBefore,
        loadAverageAfter: loadavg()[0] ?? Number.NaN,
      },
      payload: {
        tapBytes: wanfeng.tapBytes(),
        screenEventBytes: serverSession.screenEventBytes(),
        ...(journalBytesPerTap !== undefined ? { journalBytesPerTap } : {}),
      },
      ...(year ? { year } : {}),
      problems: [...problemsOf("server", serverFigures), ...problemsOf("relay", floor)],
    };
  } finally {
    for (const session of sessions) session.close();
    await Promise.all(running.map((s) => s.stop()));
    if (options.keep) log(`kept ${tmp}`);
    else await rm(tmp, { recursive: true, force: true });
  }
}
