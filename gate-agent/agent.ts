import { WanfengError } from "../protocol/errors";
import { createLogger } from "../server/log";
import type { TapQueue } from "./delivery/queue";
import { type DeliveryEvent, type DeliveryStats, TapSender } from "./delivery/sender";
import { toTapReport } from "./delivery/tap-report";
import { feedbackForOutcome } from "./feedback";
import { DEFAULT_PROFILES_DIR, loadProfile } from "./profiles/load";
import { openAnyTransport } from "./reader/open-any-transport";
import { Reader, type ReaderEvent, type ReaderStats } from "./reader/reader";
import type { OpenTransport } from "./reader/transport";
import { type ReaderSpec, readerIdOf } from "./reader-spec";
import { type AgentTiming, DEFAULT_TIMING } from "./timing";

const log = createLogger("gate-agent");

export type AgentEvent = ReaderEvent | DeliveryEvent;

export interface AgentOptions {
  serverUrl: string;
  token: string;
  readers: ReaderSpec[];
  /** Where hardware profiles live; defaults to the repository's hardware-profiles/. */
  profilesDir?: string;
  /** Defaults to serialport or node-hid, chosen by each profile's transport kind. */
  openTransport?: OpenTransport;
  queue?: TapQueue;
  timing?: Partial<AgentTiming>;
  /** Everything that happens, for a console or a test to watch. */
  onEvent?: (event: AgentEvent) => void;
  now?: () => number;
}

export interface AgentStats {
  readers: ReaderStats[];
  delivery: DeliveryStats;
}

export interface Agent {
  stop(): Promise<void>;
  stats(): AgentStats;
}

/**
 * Starts every reader and the sender. Rejects at once on a bad profile or reader id; a reader
 * that cannot be opened yet (unplugged) is not an error: it is retried until it appears.
 */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const profilesDir = options.profilesDir ?? DEFAULT_PROFILES_DIR;
  const specs = await Promise.all(
    options.readers.map(async (spec) => ({
      spec,
      readerId: readerIdOf(spec),
      profile: await loadProfile(spec.profile, profilesDir),
    })),
  );
  const seen = new Set<string>();
  for (const { readerId } of specs) {
    if (seen.has(readerId)) {
      throw new WanfengError(
        "VALIDATION_FAILED",
        `two readers share the id "${readerId}": give each a readerId`,
      );
    }
    seen.add(readerId);
  }

  const onEvent = options.onEvent ?? (() => {});
  const sender = new TapSender({
    serverUrl: options.serverUrl,
    token: options.token,
    timing,
    onEvent,
    ...(options.queue ? { queue: options.queue } : {}),
  });
  const openTransport = options.openTransport ?? openAnyTransport();
  const readers = specs.map(
    ({ spec, readerId, profile }) =>
      new Reader({
        readerId,
        path: spec.path,
        profile,
        openTransport,
        timing,
        onEvent,
        ...(options.now ? { now: options.now } : {}),
        onReading: (reading) => {
          log.info({ readerId: reading.readerId, reading: reading.reading }, "read");
          sender.enqueue(toTapReport(reading)).catch((err: unknown) => {
            log.error({ readerId: reading.readerId, err }, "could not queue tap");
          });
        },
      }),
  );
  // The person at the reader sees the server's decision (green/one beep, red/three beeps).
  sender.subscribe((event) => {
    if (event.type !== "tap:acked") return;
    const kind = feedbackForOutcome(event.outcome, event.report.at, (options.now ?? Date.now)());
    const { readerId } = event.report;
    if (kind === undefined) return;
    readers[specs.findIndex((s) => s.readerId === readerId)]
      ?.feedback(kind)
      .catch((err: unknown) => log.warn({ readerId, err }, "reader feedback failed"));
  });
  for (const reader of readers) reader.start();
  log.info(
    { serverUrl: options.serverUrl, readers: specs.map((s) => `${s.profile.id}:${s.spec.path}`) },
    "gate agent started",
  );

  return {
    async stop() {
      await Promise.all(readers.map((r) => r.stop()));
      await sender.close();
      log.info("gate agent stopped");
    },
    stats: () => ({ readers: readers.map((r) => r.stats()), delivery: sender.stats() }),
  };
}
