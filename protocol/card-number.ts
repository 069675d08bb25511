import { WanfengError } from "./errors";

/**
 * One card, many spellings (see shared/hardware.md).
 *
 * The canonical id of a 125 kHz EM4100 card is the 10-digit decimal of its low 32 bits, because
 * that is the number printed on the card and the one staff read aloud. The reader sends five bytes
 * (version/facility byte + 4 tag bytes); the version byte is not printed, so it cannot be part of
 * the id. The W26 form (`099,59822`) carries only 24 bits: it is read with the top byte as zero.
 *
 * 13.56 MHz UIDs keep their bytes: `UID:` + uppercase hex in the order the chip sends them.
 */

const MAX_U32 = 0xffffffff;

export function em4100CardId(tagBytes: Uint8Array | readonly number[]): string {
  const bytes = Array.from(tagBytes);
  if (bytes.length !== 5) {
    throw new WanfengError("CARD_NUMBER_INVALID", `EM4100 id needs 5 bytes, got ${bytes.length}`);
  }
  const low32 = bytes.slice(1).reduce((acc, b) => acc * 256 + b, 0);
  return decimalId(low32);
}

export function uidCardId(uid: Uint8Array | readonly number[]): string {
  const hex = Array.from(uid)
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")
    .toUpperCase();
  return `UID:${hex}`;
}

function decimalId(value: number): string {
  return value.toString(10).padStart(10, "0");
}

/**
 * Turns what a person typed, or a CSV cell, into the canonical card id.
 *
 * Accepted: the printed 10-digit decimal (`0006547886`), the reader's 10-hex-digit id
 * (`010063E9AE`, must contain a hex letter or exceed 32 bits as a decimal, else it is read as the
 * printed decimal), an explicit `0x`/`h:` hex id, the W26 form (`099,59822` or `099-59822`), and
 * `UID:` hex. Spaces and dashes inside plain numbers are ignored.
 */
export function normaliseCardNumber(input: string): string {
  const raw = input.trim();
  if (raw === "") throw new WanfengError("CARD_NUMBER_INVALID", "card number is empty");

  const uid = /^uid:\s*([0-9a-f\s:]+)$/i.exec(raw);
  if (uid?.[1] !== undefined) {
    const hex = uid[1].replace(/[\s:]/g, "");
    if (hex.length % 2 !== 0 || hex.length < 8 || hex.length > 20) {
      throw new WanfengError("CARD_NUMBER_INVALID", `UID must be 4 to 10 bytes of hex: ${input}`);
    }
    return `UID:${hex.toUpperCase()}`;
  }

  const w26 = /^(\d{1,3})\s*[,-]\s*(\d{1,5})$/.exec(raw);
  if (w26?.[1] !== undefined && w26[2] !== undefined) {
    const facility = Number(w26[1]);
    const number = Number(w26[2]);
    if (facility > 255 || number > 0xffff) {
      throw new WanfengError("CARD_NUMBER_INVALID", `W26 number out of range: ${input}`);
    }
    return decimalId(facility * 0x10000 + number);
  }

  const compact = raw.replace(/[\s-]/g, "");
  const explicitHex = /^(?:0x|h:)([0-9a-f]{1,10})$/i.exec(compact);
  if (explicitHex?.[1] !== undefined) return fromHex(explicitHex[1]);

  if (/^\d{1,10}$/.test(compact)) {
    const value = Number(compact);
    if (value <= MAX_U32) return decimalId(value);
    if (compact.length === 10) return fromHex(compact);
  }
  if (/^[0-9a-f]{10}$/i.test(compact) || /^[0-9a-f]{8}$/i.test(compact)) return fromHex(compact);

  throw new WanfengError("CARD_NUMBER_INVALID", `not a card number: ${input}`);
}

function fromHex(hex: string): string {
  const padded = hex.padStart(10, "0");
  const bytes: number[] = [];
  for (let i = 0; i < 10; i += 2) bytes.push(Number.parseInt(padded.slice(i, i + 2), 16));
  return em4100CardId(bytes);
}

/** Like normaliseCardNumber, but returns undefined instead of throwing. */
export function tryNormaliseCardNumber(input: string): string | undefined {
  try {
    return normaliseCardNumber(input);
  } catch {
    return undefined;
  }
}
