import type { Transform } from "node:stream";

/** One frame as cut from the byte stream: `raw` is what the reader sent, `payload` what decoders read. */
export interface Frame {
  raw: Buffer;
  payload: Buffer;
}

/**
 * Why bytes were skipped. `junk` is noise between frames (not a frame, so not a bad frame); the
 * other reasons are frame-shaped byte runs that could not be a valid frame.
 */
export type FrameRejectReason =
  | "junk"
  | "wrong_length"
  | "truncated"
  | "too_long"
  | "incomplete"
  /** A keyboard-wedge reading with a key that types no known character (`hid-keyboard`). */
  | "unknown_key"
  /** A text line without the prefix the scanner was configured to send (`line` framing). */
  | "bad_prefix";

export interface FrameReject {
  reason: FrameRejectReason;
  raw: Buffer;
}

export type RejectListener = (reject: FrameReject) => void;

/** A framer is a Transform: bytes in, `Frame` objects out. It never errors on bad input. */
export type Framer = Transform;
