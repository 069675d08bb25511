import { z } from "zod";

/**
 * `decoder.options` of a hardware profile, one schema per decoder kind. The decoders in
 * gate-agent/decoding/ take the parsed types; the schema is here so the server's profile catalogue
 * and the profile lint can validate a profile without loading the agent.
 */

/** Options of the `em4100-ascii-hex` decoder. */
export const Em4100AsciiHexOptionsSchema = z.strictObject({
  /**
   * `xor`: 10 hex digits then 2 hex digits holding the XOR of the 5 data bytes (RDM6300).
   * `none`: just the 10 hex digits, for readers that send no checksum.
   */
  checksum: z.enum(["xor", "none"]).default("xor"),
});
export type Em4100AsciiHexOptions = z.output<typeof Em4100AsciiHexOptionsSchema>;

/** Options of the `code-text` decoder: a scanned code (QR pass, barcode) as UTF-8 text. */
export const CodeTextOptionsSchema = z.strictObject({
  /**
   * `strip`: drop a leading AIM symbology identifier (`]Q1`…) so the same pass reads the same from
   * scanners with and without AIM ids switched on. `keep`: the text exactly as scanned.
   */
  aimIds: z.enum(["strip", "keep"]).default("strip"),
  /**
   * Only these symbologies, as AIM ids (`["]Q1", "]Q3"]`): a scanner at the gate then ignores
   * the EAN on a snack wrapper. Needs the scanner to send AIM ids; a code without one is refused.
   */
  allowedAims: z
    .array(z.string().regex(/^\][A-Za-z][0-9]$/, 'expected an AIM id such as "]Q1"'))
    .min(1)
    .optional(),
});
export type CodeTextOptions = z.output<typeof CodeTextOptionsSchema>;

/**
 * How a Wiegand-to-serial converter prints a 26-bit read (one per line):
 * - `facility-number`: facility 0–255 and number 0–65535 as printed on cards, separated by a
 *   comma, dash or spaces: `099,59822`, `099-59822`, `099 59822`.
 * - `raw-hex`: the 26 bits as received, parity bits included, as 8 hex digits: `02C7D35C`.
 * - `decimal`: the 24 data bits as the 10-digit number printed on cards: `0006547886`.
 * The three are told apart by shape (separator, 8 hex digits, 10 digits), never by guessing.
 */
export const W26_FORMS = ["facility-number", "raw-hex", "decimal"] as const;
export type W26Form = (typeof W26_FORMS)[number];

/** Options of the `w26-text` decoder. */
export const W26TextOptionsSchema = z.strictObject({
  /** The forms this converter prints; others are refused as `not_w26`. */
  forms: z
    .array(z.enum(W26_FORMS))
    .min(1)
    .default([...W26_FORMS]),
});
export type W26TextOptions = z.output<typeof W26TextOptionsSchema>;

/** Options of the `decimal-card` decoder (keyboard-wedge readers typing card numbers). */
export const DecimalCardOptionsSchema = z.strictObject({
  /**
   * Fewest digits accepted (up to 10). Most 125 kHz wedge readers type the printed 10 digits with
   * leading zeros; some type 8 (the 24-bit W26 part) or drop leading zeros.
   */
  minDigits: z.int().min(1).max(10).default(8),
});
export type DecimalCardOptions = z.output<typeof DecimalCardOptionsSchema>;

/**
 * How a reader turns the UID bytes into a number. The chip sends UID0 first; `msb-first` readers
 * make UID0 the most significant byte, `lsb-first` readers (many cheap 13.56 MHz wedges) the least.
 * The same card typed by the two kinds gives two different numbers: the profile must say which.
 */
export const UidByteOrderSchema = z.enum(["msb-first", "lsb-first"]);
export type UidByteOrder = z.output<typeof UidByteOrderSchema>;

/** Options of the `uid-decimal` decoder. */
export const UidDecimalOptionsSchema = z.strictObject({
  /** UID length the reader types: 4 (MIFARE Classic single size) or 7 (Ultralight, NTAG, DESFire). */
  byteLength: z.union([z.literal(4), z.literal(7)]),
  byteOrder: UidByteOrderSchema,
});
export type UidDecimalOptions = z.output<typeof UidDecimalOptionsSchema>;

/** Options of the `uid-hex` decoder. */
export const UidHexOptionsSchema = z.strictObject({
  /** `msb-first`: the typed hex starts with UID0, the chip's first byte; `lsb-first`: it ends with it. */
  byteOrder: UidByteOrderSchema,
});
export type UidHexOptions = z.output<typeof UidHexOptionsSchema>;
