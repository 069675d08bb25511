import type { Em4100AsciiHexOptions } from "../../common/profiles/decoder-options";
import { em4100CardId } from "../../protocol/card-number";
import type { DecodeResult } from "./types";

const DATA_DIGITS = 10;
const HEX = /^[0-9A-Fa-f]+$/;

/**
 * Payload: ASCII hex of 1 version/facility byte + 4 tag bytes (+ checksum). Example RDM6300 frame
 * `02 '01000734E0' 'D2' 03` → bytes 01 00 07 34 E0, XOR D2 → card id 0000472288.
 */
export function decodeEm4100AsciiHex(payload: Uint8Array, options: Em4100AsciiHexOptions): DecodeResult {
  const digits = options.checksum === "xor" ? DATA_DIGITS + 2 : DATA_DIGITS;
  if (payload.length !== digits) {
    return { error: { reason: "wrong_length", why: `expected ${digits} hex digits, got ${payload.length}` } };
  }
  const text = Buffer.from(payload).toString("latin1");
  if (!HEX.test(text)) {
    return { error: { reason: "not_hex", why: "payload has non-hex characters" } };
  }
  const bytes: number[] = [];
  for (let i = 0; i < DATA_DIGITS; i += 2) bytes.push(Number.parseInt(text.slice(i, i + 2), 16));
  if (options.checksum === "xor") {
    const expected = bytes.reduce((acc, b) => acc ^ b, 0);
    const sent = Number.parseInt(text.slice(DATA_DIGITS), 16);
    if (expected !== sent) {
      return {
        error: { reason: "bad_checksum", why: `checksum ${hex(sent)} but data XOR is ${hex(expected)}` },
      };
    }
  }
  return { reading: { kind: "card", cardId: em4100CardId(bytes) } };
}

function hex(byte: number): string {
  return byte.toString(16).padStart(2, "0").toUpperCase();
}
