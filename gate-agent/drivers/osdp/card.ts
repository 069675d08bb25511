import { normaliseCardNumber, uidCardId } from "../../../protocol/card-number";
import type { RawCard } from "./replies";

/**
 * A card read (osdp_RAW) becomes the canonical card id of protocol/card-number.ts, so a card bound
 * by its printed number matches whichever reader reads it:
 *
 * - 26 bits (H10301): even parity, 8-bit facility, 16-bit number, odd parity → the W26 form
 *   `facility,number`, the same id as that card's EM4100 number when the top byte is zero.
 * - 34 bits: even parity, 32-bit number, odd parity → the 10-digit decimal (EM4100 low 32 bits).
 * - 32 bits: a bare 32-bit number (often a 13.56 MHz serial number) → the 10-digit decimal.
 * - anything else: `UID:` and the bytes as sent.
 *
 * `cardFormat: "uid"` skips the number forms for readers that report 13.56 MHz UIDs, so their ids
 * match a PN532 or wedge reader reading the same card.
 */

export type CardFormat = "wiegand" | "uid";

export type CardResult = { cardId: string } | { error: { reason: string; why: string } };

/** Longest UID that still fits a card id (64 characters with the `UID:` prefix). */
const MAX_UID_BYTES = 30;

export function cardIdFromRaw(card: RawCard, format: CardFormat): CardResult {
  if (format === "wiegand") {
    if (card.bitCount === 26) return wiegand26(card.bits);
    if (card.bitCount === 34) return wiegand34(card.bits);
    if (card.bitCount === 32) return { cardId: normaliseCardNumber(String(bitsValue(card.bits, 0, 32))) };
  }
  if (card.bits.length > MAX_UID_BYTES) {
    return { error: { reason: "osdp:card-too-long", why: `${card.bitCount} bits` } };
  }
  return { cardId: uidCardId(card.bits) };
}

function wiegand26(bits: Buffer): CardResult {
  if (!parityOk(bits, 0, 13, "even") || !parityOk(bits, 13, 13, "odd")) {
    return { error: { reason: "osdp:parity", why: "26-bit Wiegand parity does not match" } };
  }
  const facility = bitsValue(bits, 1, 8);
  const number = bitsValue(bits, 9, 16);
  return { cardId: normaliseCardNumber(`${facility},${number}`) };
}

function wiegand34(bits: Buffer): CardResult {
  if (!parityOk(bits, 0, 17, "even") || !parityOk(bits, 17, 17, "odd")) {
    return { error: { reason: "osdp:parity", why: "34-bit Wiegand parity does not match" } };
  }
  return { cardId: normaliseCardNumber(String(bitsValue(bits, 1, 32))) };
}

function bitAt(bits: Buffer, index: number): number {
  return ((bits[index >> 3] ?? 0) >> (7 - (index & 7))) & 1;
}

function bitsValue(bits: Buffer, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) value = value * 2 + bitAt(bits, i);
  return value;
}

/** The parity bit is included in the run: an even run has an even number of ones. */
function parityOk(bits: Buffer, from: number, count: number, kind: "even" | "odd"): boolean {
  let ones = 0;
  for (let i = from; i < from + count; i++) ones += bitAt(bits, i);
  return kind === "even" ? ones % 2 === 0 : ones % 2 === 1;
}

/** Builds the bits of a 26-bit Wiegand card, parity included (for tests and the emulator). */
export function wiegand26Bits(facility: number, number: number): Buffer {
  const payload = ((facility & 0xff) << 16) | (number & 0xffff);
  const high = countOnes(payload >>> 12) % 2; // even parity over the first 12 data bits
  const low = 1 - (countOnes(payload & 0xfff) % 2); // odd parity over the last 12
  const value = (high * 2 ** 25 + payload * 2 + low) * 2 ** 6; // left-aligned in 32 bits
  const out = Buffer.alloc(4);
  out.writeUInt32BE(value >>> 0, 0);
  return out;
}

function countOnes(value: number): number {
  let ones = 0;
  for (let v = value; v > 0; v = Math.floor(v / 2)) ones += v & 1;
  return ones;
}
