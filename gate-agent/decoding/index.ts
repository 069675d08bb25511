import type { DecoderConfig } from "../profiles/schema";
import { decodeEm4100AsciiHex } from "./em4100-ascii-hex";
import type { DecodeResult } from "./types";

export type { Em4100AsciiHexOptions } from "./em4100-ascii-hex";
export { decodeEm4100AsciiHex } from "./em4100-ascii-hex";
export type { DecodeErrorReason, DecodeResult } from "./types";

/** A new decoder is one pure function, one case here and one entry in the profile schema. */
export function decodeFrame(config: DecoderConfig, payload: Uint8Array): DecodeResult {
  switch (config.kind) {
    case "em4100-ascii-hex":
      return decodeEm4100AsciiHex(payload, config.options);
  }
}
