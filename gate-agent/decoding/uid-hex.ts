import type { UidHexOptions } from "../../common/profiles/decoder-options";
import { uidCardId } from "../../protocol/card-number";
import type { DecodeResult } from "./types";

/** ISO 14443-A UIDs are single (4), double (7) or triple (10) size. */
const UID_BYTE_LENGTHS = [4, 7, 10];

/** A 13.56 MHz reader typing the UID as hex (`04A23B1C`), in either byte order. */
export function decodeUidHex(payload: Uint8Array, options: UidHexOptions): DecodeResult {
  const text = Buffer.from(payload).toString("latin1");
  if (!/^[0-9A-Fa-f]+$/.test(text)) {
    return { error: { reason: "not_hex", why: "payload has non-hex characters" } };
  }
  if (text.length % 2 !== 0 || !UID_BYTE_LENGTHS.includes(text.length / 2)) {
    return {
      error: {
        reason: "wrong_length",
        why: `expected 8, 14 or 20 hex digits (4, 7, 10 bytes), got ${text.length}`,
      },
    };
  }
  const typed = [...Buffer.from(text, "hex")];
  const chipOrder = options.byteOrder === "msb-first" ? typed : typed.reverse();
  return { reading: { kind: "card", cardId: uidCardId(chipOrder) } };
}
