import { Transform, type TransformCallback } from "node:stream";
import type { StxEtxOptions } from "../../common/profiles/framing-options";
import type { Frame, FrameRejectReason, RejectListener } from "./types";

const EMPTY = Buffer.alloc(0);

/**
 * serialport's DelimiterParser would split on the end byte, but it cannot drop junk before a start
 * byte, notice a frame cut short by a new start byte, or bound a frame that never ends; this does.
 */
export class StxEtxFramer extends Transform {
  private pending: Buffer = EMPTY;

  constructor(
    private readonly options: StxEtxOptions,
    private readonly onReject: RejectListener = () => {},
  ) {
    super({ readableObjectMode: true });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    this.scan();
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.pending.length > 0) this.reject("incomplete", this.pending);
    this.pending = EMPTY;
    callback();
  }

  private scan(): void {
    const { start, end, frameLength } = this.options;
    let buf = this.pending;
    while (buf.length > 0) {
      const at = buf.indexOf(start);
      if (at < 0) {
        this.reject("junk", buf);
        buf = EMPTY;
        break;
      }
      if (at > 0) {
        this.reject("junk", buf.subarray(0, at));
        buf = buf.subarray(at);
      }
      const limit = Math.min(buf.length, frameLength);
      let stop = -1;
      for (let i = 1; i < limit; i++) {
        if (buf[i] === end || buf[i] === start) {
          stop = i;
          break;
        }
      }
      if (stop < 0) {
        if (buf.length < frameLength) break; // wait for the rest of the frame
        this.reject("too_long", buf.subarray(0, frameLength));
        buf = buf.subarray(frameLength);
        continue;
      }
      if (buf[stop] === start) {
        this.reject("truncated", buf.subarray(0, stop));
        buf = buf.subarray(stop);
        continue;
      }
      const frame = buf.subarray(0, stop + 1);
      buf = buf.subarray(stop + 1);
      if (frame.length === frameLength) this.emitFrame(frame);
      else this.reject("wrong_length", frame);
    }
    // Copy so a kept partial frame does not pin a large chunk in memory.
    this.pending = buf.length === 0 ? EMPTY : Buffer.from(buf);
  }

  private emitFrame(bytes: Buffer): void {
    const raw = Buffer.from(bytes);
    const frame: Frame = { raw, payload: raw.subarray(1, raw.length - 1) };
    this.push(frame);
  }

  private reject(reason: FrameRejectReason, bytes: Buffer): void {
    this.onReject({ reason, raw: Buffer.from(bytes) });
  }
}
