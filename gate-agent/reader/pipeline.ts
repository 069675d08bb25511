import { createLogger } from "../../server/log";
import { decodeFrame } from "../decoding";
import { createFramer, type Frame, type FrameReject, type Framer } from "../framing";
import type { HardwareProfile } from "../profiles/schema";
import { Debouncer } from "./debounce";

const log = createLogger("gate-agent/reader");
const BAD_FRAME_WARN_INTERVAL_MS = 10_000;

/** A card read that survived framing, decoding and debounce. */
export interface CardReading {
  readerId: string;
  cardId: string;
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
  onReading: (reading: CardReading) => void;
  /** Epoch milliseconds; injected so debounce tests need no sleeps. */
  now?: () => number;
}

/**
 * Bytes in, readings out: framer → decoder → debounce, no I/O. `restart()` drops a half-received
 * frame (used when the port reopens) but keeps counters and debounce state.
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
  private framer: Framer;
  private lastBadWarnAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly options: PipelineOptions) {
    this.debouncer = new Debouncer(options.profile.debounceMs);
    this.now = options.now ?? Date.now;
    this.framer = this.makeFramer();
  }

  write(chunk: Buffer): void {
    if (log.isLevelEnabled("debug"))
      log.debug({ readerId: this.options.readerId, hex: chunk.toString("hex") }, "bytes");
    this.framer.write(chunk);
  }

  restart(): void {
    this.framer.removeAllListeners("data");
    this.framer.destroy();
    this.framer = this.makeFramer();
  }

  /** Flushes a trailing partial frame and resolves once every frame has been handled. */
  end(): Promise<void> {
    return new Promise((resolve) => {
      this.framer.once("end", resolve);
      this.framer.end();
    });
  }

  private makeFramer(): Framer {
    const framer = createFramer(this.options.profile.framing, (reject) => this.onReject(reject));
    framer.on("data", (frame: Frame) => this.onFrame(frame));
    // Framers do not fail on bad bytes; this only catches misuse (a write after end) without a crash.
    framer.on("error", (err: Error) => log.error({ readerId: this.options.readerId, err }, "framer error"));
    return framer;
  }

  private onFrame(frame: Frame): void {
    const rawHex = frame.raw.toString("hex");
    const decoded = decodeFrame(this.options.profile.decoder, frame.payload);
    if ("error" in decoded) {
      this.countBad(`decoding:${decoded.error.reason}`, decoded.error.why, rawHex);
      return;
    }
    if (decoded.reading.kind !== "card") return;
    this.counters.framesOk++;
    const nowMs = this.now();
    const { cardId } = decoded.reading;
    if (!this.debouncer.accept(cardId, nowMs)) {
      this.counters.debounced++;
      return;
    }
    this.counters.readings++;
    this.options.onReading({
      readerId: this.options.readerId,
      cardId,
      rawHex,
      at: new Date(nowMs).toISOString(),
    });
  }

  private onReject(reject: FrameReject): void {
    if (reject.reason === "junk") {
      this.counters.junkBytes += reject.raw.length;
      return;
    }
    this.countBad(`framing:${reject.reason}`, `${reject.raw.length} bytes`, reject.raw.toString("hex"));
  }

  private countBad(reason: string, why: string, rawHex: string): void {
    this.counters.badFrames[reason] = (this.counters.badFrames[reason] ?? 0) + 1;
    const { readerId } = this.options;
    log.debug({ readerId, reason, why, hex: rawHex }, "bad frame");
    // A noisy cable makes hundreds of bad frames a second: warn once per interval, with totals.
    const nowMs = this.now();
    if (nowMs - this.lastBadWarnAt >= BAD_FRAME_WARN_INTERVAL_MS) {
      this.lastBadWarnAt = nowMs;
      log.warn({ readerId, reason, why, badFrames: this.counters.badFrames }, "bad frame skipped");
    }
  }
}
