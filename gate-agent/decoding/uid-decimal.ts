import type { UidDecimalOptions } from "../../common/profiles/decoder-options";
import { uidCardId } from "../../protocol/card-number";
import type { DecodeResult } from "./types";

/**
 * A 13.56 MHz keyboard-wedge reader typing the UID as a decimal number. UID `04 A2 3B 1C` is typed
 * `0077740828` (0x04A23B1C) by an msb-first reader and `0473670148` (0x1C3BA204) by an lsb-first
 * one. The card id is `UID:` + the bytes in the chip's order (`UID:04A23B1C`), so the same card
 * gives the same id whichever way a reader prints it.
 */
export function decodeUidDecimal(payload: Uint8Array, options: UidDecimalOptions): DecodeResult {
  const text = Buffer.from(payload).toString("latin1");
  if (!/^[0-9]+$/.test(text)) {
    return { error: { reason: "not_decimal", why: "payload has characters other than digits" } };
  }
  const maxValue = (1n << BigInt(options.byteLength * 8)) - 1n;
  const maxDigits = maxValue.toString().length;
  if (text.length > maxDigits) {
    return {
      error: {
        reason: "wrong_length",
        why: `a ${options.byteLength}-byte UID has at most ${maxDigits} digits`,
      },
    };
  }
  // BigInt: a 7-byte UID (56 bits) is past Number's exact integers.
  let value = BigInt(text);
  if (value > maxValue) {
    return { error: { reason: "out_of_range", why: `${text} does not fit in ${options.byteLength} bytes` } };
  }
  const bigEndian: number[] = [];
  for (let i = 0; i < options.byteLength; i++) {
    bigEndian.unshift(Number(value & 0xffn));
    value >>= 8n;
  }
  const chipOrder = options.byteOrder === "msb-first" ? bigEndian : bigEndian.reverse();
  return { reading: { kind: "card", cardId: uidCardId(chipOrder) } };
}
