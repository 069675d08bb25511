import type { DecoderConfig } from "../../common/profiles/schema";
import { decodeCodeText } from "./code-text";
import { decodeDecimalCard } from "./decimal-card";
import { decodeEm4100AsciiHex } from "./em4100-ascii-hex";
import type { DecodeResult } from "./types";
import { decodeUidDecimal } from "./uid-decimal";
import { decodeUidHex } from "./uid-hex";
import { decodeW26Text } from "./w26-text";

export { decodeCodeText } from "./code-text";
export { decodeDecimalCard } from "./decimal-card";
export { decodeEm4100AsciiHex } from "./em4100-ascii-hex";
export type { DecodeErrorReason, DecodeResult } from "./types";
export { decodeUidDecimal } from "./uid-decimal";
export { decodeUidHex } from "./uid-hex";
export { decodeW26Text } from "./w26-text";

/**
 * A new decoder is one pure function, one case here, and its options in common/profiles/
 * (decoder-options.ts, plugged into schema.ts).
 */
export function decodeFrame(config: DecoderConfig, payload: Uint8Array): DecodeResult {
  switch (config.kind) {
    case "em4100-ascii-hex":
      return decodeEm4100AsciiHex(payload, config.options);
    case "decimal-card":
      return decodeDecimalCard(payload, config.options);
    case "uid-decimal":
      return decodeUidDecimal(payload, config.options);
    case "uid-hex":
      return decodeUidHex(payload, config.options);
    case "code-text":
      return decodeCodeText(payload, config.options);
    case "w26-text":
      return decodeW26Text(payload, config.options);
  }
}
