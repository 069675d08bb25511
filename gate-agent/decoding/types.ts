import type { Reading } from "../../protocol/devices";

export type DecodeErrorReason =
  | "wrong_length"
  | "not_hex"
  | "bad_checksum"
  // decimal-card, uid-decimal: numbers typed by keyboard-wedge readers
  | "not_decimal"
  // code-text: scanned codes
  | "not_utf8"
  | "not_text"
  | "empty"
  | "too_long"
  | "aim_not_allowed"
  // w26-text: Wiegand converters
  | "not_w26"
  | "out_of_range"
  | "bad_parity";

/** What a decoder makes of one frame payload: a reading, or a reason it was skipped. */
export type DecodeResult = { reading: Reading } | { error: { reason: DecodeErrorReason; why: string } };
