import type { DecoderConfig, FramingConfig } from "../../common/profiles/schema";
import { decodeFrame } from "../decoding";
import { createFramer, type Frame, type FrameReject, type Framer } from "../framing";
import type { DriverContext, ReaderDriver } from "./types";

/** A listen-only reader: a framer cuts the byte stream into frames, a pure decoder reads each one. */
export class StreamDriver implements ReaderDriver {
  private framer: Framer;

  constructor(
    private readonly framing: FramingConfig,
    private readonly decoder: DecoderConfig,
    private readonly ctx: DriverContext,
  ) {
    this.framer = this.makeFramer();
  }

  onData(chunk: Buffer): void {
    this.framer.write(chunk);
  }

  start(): void {}

  /** A half-received frame from before a reopen must not glue onto the next bytes. */
  stop(): void {
    this.framer.removeAllListeners("data");
    this.framer.destroy();
    this.framer = this.makeFramer();
  }

  flush(): Promise<void> {
    const framer = this.framer;
    return new Promise((resolve) => {
      framer.once("end", resolve);
      framer.end();
    });
  }

  private makeFramer(): Framer {
    const framer = createFramer(this.framing, (reject) => this.onReject(reject));
    framer.on("data", (frame: Frame) => this.onFrame(frame));
    // Framers do not fail on bad bytes; this only catches misuse (a write after end) without a crash.
    framer.on("error", (err: Error) => this.ctx.reject("framing:error", "", err.message));
    return framer;
  }

  private onFrame(frame: Frame): void {
    const rawHex = frame.raw.toString("hex");
    const decoded = decodeFrame(this.decoder, frame.payload);
    if ("error" in decoded) {
      this.ctx.reject(`decoding:${decoded.error.reason}`, rawHex, decoded.error.why);
      return;
    }
    this.ctx.read(decoded.reading, rawHex);
  }

  private onReject(reject: FrameReject): void {
    if (reject.reason === "junk") {
      this.ctx.junk(reject.raw.length);
      return;
    }
    this.ctx.reject(`framing:${reject.reason}`, reject.raw.toString("hex"), `${reject.raw.length} bytes`);
  }
}
