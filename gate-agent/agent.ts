import { createLogger } from "../common/log";
import { offlineCacheKeyFromToken } from "../common/offline-cache-key";
import { DEFAULT_PROFILES_DIR } from "../common/profiles/load";
import { DEFAULT_OUTBOX_LIMIT, DiskOutbox, type OutboxProblem } from "./delivery/disk-outbox";
import type { TapQueue } from "./delivery/queue";
import { type DeliveryEvent, type DeliveryStats, TapSender } from "./delivery/sender";
import { toTapReport } from "./delivery/tap-report";
import type { AgentTlsOptions } from "./delivery/tls-options";
import type { Feedback } from "./drivers";
import { feedbackForOutcome } from "./feedback";
import { HealthTracker } from "./health";
import { OfflineAnswers } from "./offline/offline-answers";
import { openAnyTransport } from "./reader/open-any-transport";
import type { ReaderEvent, ReaderStats } from "./reader/reader";
import type { OpenTransport } from "./reader/transport";
import { ReaderReports } from "./reader-reports";
import { type ReaderSpec, readerIdOf } from "./reader-spec";
import { ReaderSet } from "./reconfigure";
import { type AgentTiming, DEFAULT_TIMING } from "./timing";

const log = createLogger("gate-agent");

export type AgentEvent =
  | ReaderEvent
  | DeliveryEvent
  | { type: "outbox:problem"; problem: OutboxProblem }
  /** The tap could not be kept (outbox full, disk error): the reader said no, nothing was sent. */
  | { type: "tap:refused"; readerId: string; reason: string };

export interface AgentOptions {
  serverUrl: string;
  /** How the server is verified over HTTPS (see delivery/tls-options.ts). */
  tls?: AgentTlsOptions;
  /** Further servers to try, in order, while the current one is unreachable. */
  fallbackServerUrls?: string[];
  token: string;
  /** Readers to run; leave out (or empty) to run the readers configured on the server. */
  readers?: ReaderSpec[];
  /** Where hardware profiles live; defaults to the repository's hardware-profiles/. */
  profilesDir?: string;
  /** Defaults to serialport or node-hid, chosen by each profile's transport kind. */
  openTransport?: OpenTransport;
  queue?: TapQueue;
  /**
   * The agent's own folder: its outbox lives here, so taps survive a restart. Without it (and
   * without `queue`) taps wait in memory only, as for `wanfeng tap` and tests.
   */
  dataDir?: string;
  /** At most this many undelivered taps on disk (default 10,000). */
  outboxLimit?: number;
  /** An offline cache older than this answers no tap (default 4 h). */
  cacheMaxAgeMs?: number;
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
 *
 * Without readers in the options (no `--reader`), the agent runs the readers the server's device
 * configuration names, and follows that configuration when a technician changes it. With readers
 * in the options, those win and the server's list is ignored.
 */
export async function startAgent(options: AgentOptions): Promise<Agent> {
  const timing = { ...DEFAULT_TIMING, ...options.timing };
  const profilesDir = options.profilesDir ?? DEFAULT_PROFILES_DIR;
  const fixed = (options.readers ?? []).map((spec) => ({
    readerId: readerIdOf(spec),
    profile: spec.profile,
    path: spec.path,
  }));
  const resolved = await ReaderSet.resolve(fixed, profilesDir);

  const onEvent = options.onEvent ?? (() => {});
  const health = new HealthTracker(
    options.outboxLimit ?? DEFAULT_OUTBOX_LIMIT,
    options.queue !== undefined || options.dataDir !== undefined,
  );
  const queue =
    options.queue ??
    (options.dataDir === undefined
      ? undefined
      : await DiskOutbox.open({
          dir: options.dataDir,
          ...(options.outboxLimit === undefined ? {} : { limit: options.outboxLimit }),
          onProblem: (problem) => {
            health.onProblem(problem);
            onEvent({ type: "outbox:problem", problem });
          },
        }));
  const now = options.now ?? Date.now;
  const offline = await OfflineAnswers.open(
    options.dataDir,
    offlineCacheKeyFromToken(options.token),
    options.cacheMaxAgeMs,
  );
  const sender = new TapSender({
    serverUrl: options.serverUrl,
    ...(options.fallbackServerUrls ? { fallbackUrls: options.fallbackServerUrls } : {}),
    token: options.token,
    timing,
    onEvent,
    ...(queue ? { queue } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
  });
  // The cache is dated on the server's clock: its age is judged on it too (last known offset).
  const serverNow = () => now() + (sender.stats().clockOffsetMs ?? 0);
  const readers: ReaderSet = new ReaderSet({
    profilesDir,
    openTransport: options.openTransport ?? openAnyTransport(),
    timing,
    ...(options.now ? { now: options.now } : {}),
    onEvent: (event) => {
      reports.onReader(event);
      onEvent(event);
    },
    onFrame: (frame) => reports.frame(frame),
    onReading: (reading) => {
      log.info({ readerId: reading.readerId, reading: reading.reading }, "read");
      // The reader says no when the tap cannot be kept: the person taps again or goes to the guard.
      const report = toTapReport(reading);
      // Server unreachable: answer from the cache, once the tap is safe on disk; the server decides
      // later. Without a fresh cache (or for what it cannot judge) the reader says "wait".
      const serverAway = !sender.stats().connected;
      const answer = serverAway ? offline.answer(report.reading, serverNow()) : undefined;
      if (answer) report.offline = { answer };
      const feedback = (kind: Feedback) =>
        readers
          .get(reading.readerId)
          ?.feedback(kind)
          .catch((e: unknown) => log.warn({ readerId: reading.readerId, err: e }, "reader feedback failed"));
      sender.enqueue(report).then(
        () => {
          if (answer) {
            log.info({ tapId: report.id, answer }, "answered offline from the cache");
            void feedback(answer);
          } else if (serverAway) {
            log.info(
              { tapId: report.id },
              "queued while the server is away, no fresh cache: reader says wait",
            );
            void feedback("wait");
          }
        },
        (err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
          log.error({ readerId: reading.readerId, reason }, "tap NOT kept, reader refuses it");
          onEvent({ type: "tap:refused", readerId: reading.readerId, reason });
          void feedback("refuse");
        },
      );
    },
  });
  const reports = new ReaderReports(sender, readers, options.now, undefined, () => {
    const stats = sender.stats();
    health.setCache(offline.issuedAt(), offline.maxAge, !stats.connected && offline.isFresh(serverNow()));
    return health.health(stats);
  });
  const fromServer = fixed.length === 0;
  sender.subscribe((event) => {
    health.onDelivery(event, sender.stats());
    if (event.type === "server:cache") void offline.received(event.signed);
    reports.onDelivery(event);
    if (fromServer && event.type === "server:config") {
      void readers.apply(event.config.readers ?? []).then(() => reports.sendStatus(true));
    }
  });
  // The person at the reader sees the server's decision (green/one beep, red/three beeps).
  sender.subscribe((event) => {
    // A tap answered offline was answered already: a second light would confuse.
    if (event.type !== "tap:acked" || event.report.offline) return;
    const kind = feedbackForOutcome(event.outcome, event.report.at, now());
    const { readerId } = event.report;
    if (kind === undefined) return;
    readers
      .get(readerId)
      ?.feedback(kind)
      .catch((err: unknown) => log.warn({ readerId, err }, "reader feedback failed"));
  });
  readers.startResolved(resolved);
  log.info(
    {
      serverUrl: options.serverUrl,
      readers: fromServer ? "from the server's configuration" : fixed.map((r) => `${r.profile}:${r.path}`),
    },
    "gate agent started",
  );

  return {
    async stop() {
      reports.stop();
      await readers.stopAll();
      await sender.close();
      log.info("gate agent stopped");
    },
    stats: () => ({ readers: readers.stats(), delivery: sender.stats() }),
  };
}
