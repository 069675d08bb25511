import { Transform, type TransformCallback } from "node:stream";
import type { LineOptions } from "../../common/profiles/framing-options";
import type { Frame, FrameRejectReason, RejectListener } from "./types";

/** Starts a timer and returns its cancel function; injected so tests can run the clock by hand. */
export type ScheduleTimeout = (callback: () => void, ms: number) => () => void;

export const realTimeout: ScheduleTimeout = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

const CR = 0x0d;
const LF = 0x0a;
const EMPTY = Buffer.alloc(0);
const noTimer = () => {};

/**
 * Why not serialport's parsers: `ReadlineParser`/`DelimiterParser` split on one delimiter. Scanner
 * suffixes differ (CR, LF or CRLF), and chaining "split on LF, then on CR" would hold a CR-only
 * line until some LF arrived. So this framer treats CR and LF both as terminators and swallows
 * the LF right after a CR (even in the next chunk), which makes a CRLF one terminator.
 * `InterByteTimeoutParser` has the right idea for scanners with no suffix but owns a real
 * `setTimeout` and emits oversized buffers instead of rejecting them: the same idea lives here
 * with an injectable timer.
 *
 * Empty lines (a terminator with nothing before it) are skipped and counted as junk. When the
 * stream ends, a pending line is emitted if `interByteTimeoutMs` is set (no more bytes ever is the
 * longest possible pause), else reported as `incomplete`. `raw` is the line as sent, up to and
 * including the first terminator byte; the LF of a CRLF is not repeated in it.
 */
export class LineFramer extends Transform {
  private parts: Buffer[] = [];
  private length = 0;
  /** After a too-long line: drop bytes until the next terminator (or pause). */
  private discarding = false;
  /** The previous byte was a CR that ended a line: an LF now is its other half. */
  private afterCr = false;
  private cancelTimer: () => void = noTimer;
  private readonly prefix: Buffer;

  constructor(
    private readonly options: LineOptions,
    private readonly onReject: RejectListener = () => {},
    private readonly schedule: ScheduleTimeout = realTimeout,
  ) {
    super({ readableObjectMode: true });
    this.prefix = options.prefix === undefined ? EMPTY : Buffer.from(options.prefix, "utf8");
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.stopTimer();
    let segmentStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.afterCr) {
        this.afterCr = false;
        if (byte === LF) {
          segmentStart = i + 1;
          continue;
        }
      }
      if (byte !== CR && byte !== LF) continue;
      this.append(chunk.subarray(segmentStart, i));
      this.endLine(byte);
      this.afterCr = byte === CR;
      segmentStart = i + 1;
    }
    this.append(chunk.subarray(segmentStart));
    // Copy so a kept partial line does not pin a large chunk in memory.
    if (this.length > 0) this.parts = [Buffer.concat(this.parts, this.length)];
    const { interByteTimeoutMs } = this.options;
    if (interByteTimeoutMs !== undefined && (this.length > 0 || this.discarding)) {
      this.cancelTimer = this.schedule(() => {
        this.cancelTimer = noTimer;
        this.endPendingLine();
      }, interByteTimeoutMs);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    this.stopTimer();
    if (this.options.interByteTimeoutMs !== undefined) this.endPendingLine();
    else if (this.length > 0) this.reject("incomplete", this.takeLine());
    this.parts = [];
    this.length = 0;
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.stopTimer();
    callback(error);
  }

  private stopTimer(): void {
    this.cancelTimer();
    this.cancelTimer = noTimer;
  }

  /** No byte for interByteTimeoutMs (or end of stream): whatever is pending is a whole reading. */
  private endPendingLine(): void {
    if (this.discarding) {
      this.discarding = false;
      return;
    }
    if (this.length > 0) {
      const line = this.takeLine();
      this.emitLine(line, line);
    }
  }

  private append(segment: Buffer): void {
    if (segment.length === 0) return;
    if (this.discarding) {
      this.onReject({ reason: "junk", raw: Buffer.from(segment) });
      return;
    }
    this.parts.push(segment);
    this.length += segment.length;
    if (this.length > this.options.maxLength) {
      this.reject("too_long", this.takeLine());
      this.discarding = true;
    }
  }

  private endLine(terminator: number): void {
    const terminatorBytes = Buffer.from([terminator]);
    if (this.discarding) {
      this.discarding = false;
      this.onReject({ reason: "junk", raw: terminatorBytes });
      return;
    }
    if (this.length === 0) {
      this.onReject({ reason: "junk", raw: terminatorBytes });
      return;
    }
    const line = this.takeLine();
    this.emitLine(line, Buffer.concat([line, terminatorBytes]));
  }

  private takeLine(): Buffer {
    const line = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return line;
  }

  private emitLine(line: Buffer, raw: Buffer): void {
    if (!line.subarray(0, this.prefix.length).equals(this.prefix)) {
      this.reject("bad_prefix", raw);
      return;
    }
    const frame: Frame = { raw, payload: line.subarray(this.prefix.length) };
    this.push(frame);
  }

  private reject(reason: FrameRejectReason, bytes: Buffer): void {
    this.onReject({ reason, raw: bytes });
  }
}
