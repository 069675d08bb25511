import { createLogger } from "../../common/log";
import type { HardwareProfile } from "../../common/profiles/schema";
import type { Reading } from "../../protocol/devices";
import { createDriver, type Feedback, type ReaderDriver } from "../drivers";
import { Debouncer } from "./debounce";

const log = createLogger("gate-agent/reader");
const BAD_FRAME_WARN_INTERVAL_MS = 10_000;

/** A reading (card or scanned code) that survived the driver and debounce. */
export interface ReaderReading {
  readerId: string;
  reading: Reading;
  /** The whole frame as the reader sent it, lower-case hex. */
  rawHex: string;
  /** ISO time of the frame, by the agent's clock. */
  at: string;
}

export interface PipelineCounters {
  framesOk: number;
  /** Frames that decoded but were repeats of a card still in the field. */
  debounced: number;
  readings: number;
  junkBytes: number;
  /** Skipped frames by reason, e.g. `framing:truncated`, `decoding:bad_checksum`. */
  badFrames: Record<string, number>;
}

export interface PipelineOptions {
  readerId: string;
  profile: HardwareProfile;
  onReading: (reading: ReaderReading) => void;
  /** Every decoded frame with its raw bytes, before debounce: for the technician's live console. */
  onFrame?: (frame: { readerId: string; rawHex: string; reading: Reading; at: string }) => void;
  /** Every skipped frame with its reason, for the same console. */
  onBadFrame?: (frame: { readerId: string; rawHex: string; reason: string; why: string; at: string }) => void;
  /** Epoch milliseconds; injected so debounce tests need no sleeps. */
  now?: () => number;
}

type Writer = (bytes: Buffer) => Promise<void>;

const notOpen: Writer = () => Promise.reject(new Error("reader not open"));

/** One key per thing read, so a card and a QR code never debounce each other. */
function debounceKey(reading: Reading): string {
  return reading.kind === "card" ? `card:${reading.cardId}` : `code:${reading.text}`;
}

/**
 * The protocol driver plus what every reader needs around it: debounce, counters, timestamps.
 * No I/O of its own: the reader feeds it bytes and lends it the port for writing.
 */
export class ReaderPipeline {
  readonly counters: PipelineCounters = {
    framesOk: 0,
    debounced: 0,
    readings: 0,
    junkBytes: 0,
    badFrames: {},
  };
  private readonly debouncer: Debouncer;
  private readonly now: () => number;
  private readonly driver: ReaderDriver;
  private writer: Writer = notOpen;
  private lastBadWarnAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: PipelineOptions) {
    this.debouncer = new Debouncer(options.profile.debounceMs);
    this.now = options.now ?? Date.now;
    this.driver = createDriver(options.profile, {
      readerId: options.readerId,
      write: (bytes) => this.writer(bytes),
      read: (reading, rawHex) => this.onRead(reading, rawHex),
      reject: (reason, rawHex, why) => this.countBad(reason, why, rawHex),
      junk: (count) => {
        this.counters.junkBytes += count;
      },
      now: () => this.now(),
    });
  }

  write(chunk: Buffer): void {
    if (log.isLevelEnabled("debug"))
      log.debug({ readerId: this.options.readerId, hex: chunk.toString("hex") }, "bytes");
    this.driver.onData(chunk);
  }

  /** The port is open: the driver may now write (an active reader starts polling). */
  attach(writer: Writer): void {
    this.writer = writer;
    this.driver.start();
  }

  /** The port is gone: drop a half-received frame, stop polling; counters and debounce stay. */
  detach(): void {
    this.writer = notOpen;
    this.driver.stop();
  }

  /** Kept for callers that only feed bytes: a reopen without a port to write to. */
  restart(): void {
    this.detach();
  }

  /** Resolves once every byte written so far has been handled. */
  end(): Promise<void> {
    return this.driver.flush();
  }

  async feedback(kind: Feedback): Promise<void> {
    await this.driver.feedback?.(kind);
  }

  private onRead(reading: Reading, rawHex: string): void {
    this.counters.framesOk++;
    const nowMs = this.now();
    const at = new Date(nowMs).toISOString();
    this.options.onFrame?.({ readerId: this.options.readerId, rawHex, reading, at });
    if (!this.debouncer.accept(debounceKey(reading), nowMs)) {
      this.counters.debounced++;
      return;
    }
    this.counters.readings++;
    this.options.onReading({ readerId: this.options.readerId, reading, rawHex, at });
  }

  private countBad(reason: string, why: string, rawHex: string): void {
    this.counters.badFrames[reason] = (this.counters.badFrames[reason] ?? 0) + 1;
    const { readerId } = this.options;
    this.options.onBadFrame?.({ readerId, rawHex, reason, why, at: new Date(this.now()).toISOString() });
    log.debug({ readerId, reason, why, hex: rawHex }, "bad frame");
    // A noisy cable makes hundreds of bad frames a second: warn once per interval, with totals.
    const nowMs = this.now();
    if (nowMs - this.lastBadWarnAt >= BAD_FRAME_WARN_INTERVAL_MS) {
      this.lastBadWarnAt = nowMs;
      log.warn({ readerId, reason, why, badFrames: this.counters.badFrames }, "bad frame skipped");
    }
  }
}
