import { createLogger } from "../common/log";
import { loadProfile } from "../common/profiles/load";
import type { HardwareProfile } from "../common/profiles/schema";
import { WanfengError } from "../protocol/errors";
import type { ReaderConfig, ReaderFrame, ReaderStatus } from "../protocol/technician";
import type { ReaderReading } from "./reader/pipeline";
import { Reader, type ReaderEvent, type ReaderStats } from "./reader/reader";
import type { OpenTransport } from "./reader/transport";
import type { AgentTiming } from "./timing";

const log = createLogger("gate-agent/readers");
const MAX_RAW_HEX = 4096;

export interface ReaderSetOptions {
  profilesDir: string;
  openTransport: OpenTransport;
  timing: AgentTiming;
  onReading: (reading: ReaderReading) => void;
  /** Every frame, decoded or bad, for the console (the caller decides whether anyone watches). */
  onFrame: (frame: ReaderFrame) => void;
  onEvent: (event: ReaderEvent) => void;
  now?: () => number;
}

interface Running {
  config: ReaderConfig;
  reader?: Reader;
  lastReadingAt?: string;
  lastCardId?: string;
  /** Why it is not open: the profile is unknown, or the port cannot be opened yet. */
  problem?: string;
}

/**
 * The agent's readers as a set that can change while it runs: apply() stops readers that were
 * removed or changed and starts new ones, leaving the others (and their counters) alone. The
 * agent's command line gives a fixed set; without it, the set follows the server's device config.
 */
export class ReaderSet {
  private readonly running = new Map<string, Running>();
  /** Applies run one after another, so a quick second change waits for the first. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ReaderSetOptions) {}

  /** Loads every profile first and rejects on any problem: for the command line's readers. */
  static async resolve(configs: readonly ReaderConfig[], profilesDir: string) {
    const seen = new Set<string>();
    for (const { readerId } of configs) {
      if (seen.has(readerId)) {
        throw new WanfengError(
          "VALIDATION_FAILED",
          `two readers share the id "${readerId}": give each a readerId`,
        );
      }
      seen.add(readerId);
    }
    return Promise.all(
      configs.map(async (config) => ({ config, profile: await loadProfile(config.profile, profilesDir) })),
    );
  }

  /** Starts already-resolved readers (see resolve). */
  startResolved(readers: readonly { config: ReaderConfig; profile: HardwareProfile }[]): void {
    for (const { config, profile } of readers) this.startOne(config, profile);
  }

  /** Makes the running set equal to `configs`; unknown profiles are reported, not thrown. */
  apply(configs: readonly ReaderConfig[]): Promise<void> {
    const run = this.queue.then(() => this.applyNow(configs));
    this.queue = run.catch((err: unknown) => log.error({ err }, "reader reconfiguration failed"));
    return run;
  }

  get(readerId: string): Reader | undefined {
    return this.running.get(readerId)?.reader;
  }

  stats(): ReaderStats[] {
    return [...this.running.values()].flatMap((r) => (r.reader ? [r.reader.stats()] : []));
  }

  statuses(): ReaderStatus[] {
    return [...this.running.values()].map((r) => {
      const stats = r.reader?.stats();
      return {
        readerId: r.config.readerId,
        profile: r.config.profile,
        path: r.config.path,
        open: stats?.open ?? false,
        ...(r.lastReadingAt ? { lastReadingAt: r.lastReadingAt } : {}),
        ...(r.lastCardId ? { lastCardId: r.lastCardId } : {}),
        framesOk: stats?.framesOk ?? 0,
        readings: stats?.readings ?? 0,
        junkBytes: stats?.junkBytes ?? 0,
        badFrames: { ...(stats?.badFrames ?? {}) },
        ...(r.problem && !stats?.open ? { problem: r.problem.slice(0, 300) } : {}),
      };
    });
  }

  async stopAll(): Promise<void> {
    await this.queue;
    await Promise.all([...this.running.values()].map((r) => r.reader?.stop()));
    this.running.clear();
  }

  private async applyNow(configs: readonly ReaderConfig[]): Promise<void> {
    const wanted = new Map(configs.map((c) => [c.readerId, c]));
    for (const [readerId, current] of [...this.running]) {
      const next = wanted.get(readerId);
      if (next && next.profile === current.config.profile && next.path === current.config.path) {
        wanted.delete(readerId);
        continue;
      }
      await current.reader?.stop();
      this.running.delete(readerId);
      log.info({ readerId, path: current.config.path }, "reader removed by the server's configuration");
    }
    for (const config of wanted.values()) {
      try {
        this.startOne(config, await loadProfile(config.profile, this.options.profilesDir));
      } catch (err) {
        const problem = err instanceof WanfengError ? `${err.code}: ${err.message}` : String(err);
        log.error(
          { readerId: config.readerId, profile: config.profile, problem },
          "cannot start configured reader",
        );
        this.running.set(config.readerId, { config, problem });
      }
    }
  }

  private startOne(config: ReaderConfig, profile: HardwareProfile): void {
    const entry: Running = { config };
    const { options } = this;
    const toFrame = (rawHex: string) => rawHex.slice(0, MAX_RAW_HEX);
    entry.reader = new Reader({
      readerId: config.readerId,
      path: config.path,
      profile,
      openTransport: options.openTransport,
      timing: options.timing,
      ...(options.now ? { now: options.now } : {}),
      onEvent: (event) => {
        if (event.type === "reader:open-failed") entry.problem = event.reason;
        if (event.type === "reader:open") entry.problem = undefined;
        options.onEvent(event);
      },
      onReading: (reading) => {
        entry.lastReadingAt = reading.at;
        if (reading.reading.kind === "card") entry.lastCardId = reading.reading.cardId;
        options.onReading(reading);
      },
      onFrame: (f) =>
        options.onFrame({
          kind: "reading",
          readerId: f.readerId,
          at: f.at,
          rawHex: toFrame(f.rawHex),
          reading: f.reading,
        }),
      onBadFrame: (f) =>
        options.onFrame({
          kind: "bad",
          readerId: f.readerId,
          at: f.at,
          rawHex: toFrame(f.rawHex),
          reason: f.reason.slice(0, 64),
          why: f.why.slice(0, 300),
        }),
    });
    this.running.set(config.readerId, entry);
    entry.reader.start();
  }
}
