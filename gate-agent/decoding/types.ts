import type { Reading } from "../../protocol/model";

export type DecodeErrorReason = "wrong_length" | "not_hex" | "bad_checksum";

/** What a decoder makes of one frame payload: a reading, or a reason it was skipped. */
export type DecodeResult = { reading: Reading } | { error: { reason: DecodeErrorReason; why: string } };
