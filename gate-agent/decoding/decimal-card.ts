import type { DecimalCardOptions } from "../../common/profiles/decoder-options";
import { em4100CardId } from "../../protocol/card-number";
import type { DecodeResult } from "./types";

const MAX_DIGITS = 10;
const MAX_U32 = 0xffffffff;

/**
 * A 125 kHz keyboard-wedge reader types the number printed on the card: the decimal of the tag's
 * low 32 bits (`0006547886` for tag 01 00 63 E9 AE). The canonical card id is that number as 10
 * digits, the same id the RDM6300 decoder makes from the raw tag bytes.
 */
export function decodeDecimalCard(payload: Uint8Array, options: DecimalCardOptions): DecodeResult {
  const text = Buffer.from(payload).toString("latin1");
  if (!/^[0-9]+$/.test(text)) {
    return { error: { reason: "not_decimal", why: "payload has characters other than digits" } };
  }
  if (text.length < options.minDigits || text.length > MAX_DIGITS) {
    return {
      error: {
        reason: "wrong_length",
        why: `expected ${options.minDigits} to ${MAX_DIGITS} digits, got ${text.length}`,
      },
    };
  }
  const value = Number(text);
  if (value > MAX_U32) {
    return { error: { reason: "out_of_range", why: `${text} does not fit in 32 bits` } };
  }
  // The version byte is not printed and not part of the id: 0 here, as em4100CardId ignores it.
  const tag = [0, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
  return { reading: { kind: "card", cardId: em4100CardId(tag) } };
}
