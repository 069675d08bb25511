import { z } from "zod";

/**
 * `framing.options` of a hardware profile, one schema per framing kind. The framers in
 * gate-agent/framing/ take the parsed types; the schema is here so the server's profile catalogue
 * and the profile lint can validate a profile without loading the agent.
 */

/** Bytes may be written as numbers or as "0x02" strings, which read better next to a datasheet. */
const byte = z.union([
  z.int().min(0).max(255),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,2}$/, 'expected a byte such as 2 or "0x02"')
    .transform((s) => Number.parseInt(s.slice(2), 16)),
]);

/**
 * Options of the `stx-etx` framing kind: fixed-length frames between a start and an end byte.
 * Assumes the payload never contains the start or end byte (true for ASCII payloads such as the
 * RDM6300's hex digits), which is what lets the framer resynchronise on the next start byte.
 */
export const StxEtxOptionsSchema = z
  .strictObject({
    /** Byte that opens a frame (RDM6300: 0x02). */
    start: byte,
    /** Byte that closes a frame (RDM6300: 0x03). */
    end: byte,
    /** Length of a whole frame, start and end bytes included (RDM6300: 14). */
    frameLength: z.int().min(3).max(4096),
  })
  .refine((o) => o.start !== o.end, { message: "start and end bytes must differ", path: ["end"] });
export type StxEtxOptions = z.output<typeof StxEtxOptionsSchema>;

/**
 * Options of the `line` framing kind: text readers (QR/barcode scanners in USB-CDC serial mode,
 * Wiegand-to-serial converters) that send one reading per line.
 */
export const LineOptionsSchema = z.strictObject({
  /** Longest line in bytes (prefix included, terminator not); longer ones are `too_long`. */
  maxLength: z.int().min(1).max(65_536).default(4096),
  /**
   * For scanners set to send no suffix: a reading also ends when no byte came for this long.
   * CR/LF still end a line, so a scanner later given a suffix keeps working.
   */
  interByteTimeoutMs: z.int().min(1).max(10_000).optional(),
  /** Text the scanner is configured to put before every reading; stripped, required when set. */
  prefix: z
    .string()
    .min(1)
    .max(32)
    .refine((s) => !/[\r\n]/.test(s), "a prefix cannot contain CR or LF")
    .optional(),
});
export type LineOptions = z.output<typeof LineOptionsSchema>;

/**
 * Options of the `hid-keyboard` framing kind: a USB keyboard-wedge reader or scanner that types
 * each reading followed by Enter, read as HID boot keyboard reports
 * `[modifiers, reserved, key1..key6]`. The defaults fit a boot keyboard typing card numbers.
 */
export const HidKeyboardOptionsSchema = z.strictObject({
  /** The device numbers its reports: byte 0 of each report is the report id, skipped. */
  reportId: z.boolean().default(false),
  /** Bytes of one keyboard report, report id not counted: 8 for a boot keyboard. */
  reportLength: z.int().min(3).max(64).default(8),
  /** Tab also ends a reading (readers configured with a Tab suffix); otherwise Tab types "\t". */
  tabEnds: z.boolean().default(false),
  /** Key presses a reading may have before its Enter; more is a `too_long` reject. */
  maxLength: z.int().min(1).max(4096).default(256),
});
export type HidKeyboardOptions = z.output<typeof HidKeyboardOptionsSchema>;
