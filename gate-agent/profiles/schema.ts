import { z } from "zod";
import type { CodeTextOptions } from "../decoding/code-text";
import type { DecimalCardOptions } from "../decoding/decimal-card";
import type { Em4100AsciiHexOptions } from "../decoding/em4100-ascii-hex";
import type { UidDecimalOptions } from "../decoding/uid-decimal";
import type { UidHexOptions } from "../decoding/uid-hex";
import type { W26TextOptions } from "../decoding/w26-text";
import { OsdpOptionsSchema } from "../drivers/osdp/options";
import { Pn532OptionsSchema } from "../drivers/pn532/options";
import type { HidKeyboardOptions } from "../framing/hid-keyboard";
import type { LineOptions } from "../framing/line";
import type { StxEtxOptions } from "../framing/stx-etx";

/**
 * The shape of `hardware-profiles/<vendor>/<model>.json`. Every union is discriminated on `kind`
 * so a new transport (e.g. `hid` with vendorId, productId, driverType), framing or decoder is one
 * more member, and a wrong file gets an error naming the exact field.
 */

/** Bytes may be written as numbers or as "0x02" strings, which read better next to a datasheet. */
const byte = z.union([
  z.int().min(0).max(255),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,2}$/, 'expected a byte such as 2 or "0x02"')
    .transform((s) => Number.parseInt(s.slice(2), 16)),
]);

export const SerialTransportSchema = z.strictObject({
  kind: z.literal("serial"),
  baudRate: z.int().positive(),
  dataBits: z.union([z.literal(5), z.literal(6), z.literal(7), z.literal(8)]),
  parity: z.enum(["none", "even", "odd", "mark", "space"]),
  stopBits: z.union([z.literal(1), z.literal(1.5), z.literal(2)]),
});
export type SerialTransportConfig = z.infer<typeof SerialTransportSchema>;

/** USB vendor/product ids and usage pages as numbers or "0x1a86" strings, as lsusb prints them. */
const usbId = z.union([
  z.int().min(0).max(0xffff),
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{1,4}$/, 'expected a USB id such as 65535 or "0xffff"')
    .transform((s) => Number.parseInt(s.slice(2), 16)),
]);

/**
 * A USB HID reader through node-hid (keyboard-wedge readers, HID scanners). `hidraw` reads a copy
 * of the reports while the kernel keyboard driver still types every scan into the focused window;
 * `libusb` detaches the kernel driver and has the device alone (see docs/readers.md).
 */
export const HidTransportSchema = z.strictObject({
  kind: z.literal("hid"),
  vendorId: usbId,
  productId: usbId,
  /** For devices with several collections: the one to open, e.g. 0x01 (Generic Desktop). */
  usagePage: usbId.optional(),
  /** For composite devices: the USB interface number of the reader's keyboard. */
  interface: z.int().min(0).max(255).optional(),
  driverType: z.enum(["hidraw", "libusb"]),
});
export type HidTransportConfig = z.infer<typeof HidTransportSchema>;

/** A USB device a profile fits, for discovery (`wanfeng readers`). */
export const UsbMatchSchema = z.strictObject({ vendorId: usbId, productId: usbId });
export type UsbMatch = z.infer<typeof UsbMatchSchema>;

export const TransportSchema = z.discriminatedUnion("kind", [SerialTransportSchema, HidTransportSchema]);
export type TransportConfig = z.infer<typeof TransportSchema>;

const StxEtxOptionsSchema = z
  .strictObject({ start: byte, end: byte, frameLength: z.int().min(3).max(4096) })
  .refine((o) => o.start !== o.end, { message: "start and end bytes must differ", path: ["end"] });

/** Text readers: one reading per line (scanners, Wiegand converters); see framing/line.ts. */
const LineOptionsSchema = z.strictObject({
  maxLength: z.int().min(1).max(65_536).default(4096),
  interByteTimeoutMs: z.int().min(1).max(10_000).optional(),
  prefix: z
    .string()
    .min(1)
    .max(32)
    .refine((s) => !/[\r\n]/.test(s), "a prefix cannot contain CR or LF")
    .optional(),
});

/** USB keyboard-wedge readers; defaults fit a boot keyboard typing card numbers. */
const HidKeyboardOptionsSchema = z.strictObject({
  reportId: z.boolean().default(false),
  reportLength: z.int().min(3).max(64).default(8),
  tabEnds: z.boolean().default(false),
  maxLength: z.int().min(1).max(4096).default(256),
});

export const FramingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("stx-etx"), options: StxEtxOptionsSchema }),
  z.strictObject({ kind: z.literal("hid-keyboard"), options: HidKeyboardOptionsSchema }),
  z.strictObject({ kind: z.literal("line"), options: LineOptionsSchema }),
]);
export type FramingConfig = z.infer<typeof FramingSchema>;

const Em4100AsciiHexOptionsSchema = z.strictObject({
  checksum: z.enum(["xor", "none"]).default("xor"),
});

const CodeTextOptionsSchema = z.strictObject({
  aimIds: z.enum(["strip", "keep"]).default("strip"),
  allowedAims: z
    .array(z.string().regex(/^\][A-Za-z][0-9]$/, 'expected an AIM id such as "]Q1"'))
    .min(1)
    .optional(),
});

const W26TextOptionsSchema = z.strictObject({
  forms: z
    .array(z.enum(["facility-number", "raw-hex", "decimal"]))
    .min(1)
    .default(["facility-number", "raw-hex", "decimal"]),
});

/** Keyboard-wedge readers typing card numbers; see decoding/decimal-card.ts, uid-decimal.ts, uid-hex.ts. */
const DecimalCardOptionsSchema = z.strictObject({ minDigits: z.int().min(1).max(10).default(8) });
const UidByteOrderSchema = z.enum(["msb-first", "lsb-first"]);
const UidDecimalOptionsSchema = z.strictObject({
  byteLength: z.union([z.literal(4), z.literal(7)]),
  byteOrder: UidByteOrderSchema,
});
const UidHexOptionsSchema = z.strictObject({ byteOrder: UidByteOrderSchema });

export const DecoderSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("em4100-ascii-hex"), options: Em4100AsciiHexOptionsSchema }),
  z.strictObject({ kind: z.literal("code-text"), options: CodeTextOptionsSchema }),
  z.strictObject({ kind: z.literal("w26-text"), options: W26TextOptionsSchema }),
  z.strictObject({ kind: z.literal("decimal-card"), options: DecimalCardOptionsSchema }),
  z.strictObject({ kind: z.literal("uid-decimal"), options: UidDecimalOptionsSchema }),
  z.strictObject({ kind: z.literal("uid-hex"), options: UidHexOptionsSchema }),
]);
export type DecoderConfig = z.infer<typeof DecoderSchema>;

/**
 * Readers that talk back (polling, acknowledgements, LED/buzzer) have a protocol driver instead of
 * a framing and a decoder. Each kind's options grow with its driver in gate-agent/drivers/.
 */
export const DriverSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("pn532"), options: Pn532OptionsSchema.prefault({}) }),
  z.strictObject({ kind: z.literal("osdp"), options: OsdpOptionsSchema.prefault({}) }),
]);
export type DriverConfig = z.infer<typeof DriverSchema>;

export const PROFILE_ID = /^[a-z0-9][a-z0-9._-]*\/[a-z0-9][a-z0-9._-]*$/;

export const HardwareProfileSchema = z
  .strictObject({
    /** "<vendor>/<model>", the same as the file's place under hardware-profiles/. */
    id: z.string().regex(PROFILE_ID, 'expected "<vendor>/<model>" in lower case'),
    name: z.string().min(1).max(200),
    notes: z.string().max(4000).optional(),
    transport: TransportSchema,
    /**
     * USB ids this model shows up with, so `wanfeng readers` can suggest the profile for a plugged-in
     * device. HID profiles match their transport's ids without this.
     */
    match: z.array(UsbMatchSchema).min(1).optional(),
    /** Listen-only readers: how the byte stream is cut into frames, and how a frame is read. */
    framing: FramingSchema.optional(),
    decoder: DecoderSchema.optional(),
    /** Readers that talk back: the protocol driver (then no framing/decoder). */
    driver: DriverSchema.optional(),
    /** Repeats of the same card closer together than this are one tap. */
    debounceMs: z.int().min(0).max(60_000),
  })
  .superRefine((profile, ctx) => {
    if (profile.driver && (profile.framing || profile.decoder)) {
      ctx.addIssue({
        code: "custom",
        path: ["driver"],
        message: "a driver profile has no framing or decoder",
      });
    }
    if (!profile.driver) {
      if (!profile.framing)
        ctx.addIssue({ code: "custom", path: ["framing"], message: "required without a driver" });
      if (!profile.decoder)
        ctx.addIssue({ code: "custom", path: ["decoder"], message: "required without a driver" });
    }
  });
export type HardwareProfile = z.infer<typeof HardwareProfileSchema>;

// The options types live with their framer/decoder; these fail to compile if the schema drifts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const framingMatches: Same<Extract<FramingConfig, { kind: "stx-etx" }>["options"], StxEtxOptions> = true;
const decoderMatches: Same<
  Extract<DecoderConfig, { kind: "em4100-ascii-hex" }>["options"],
  Em4100AsciiHexOptions
> = true;
void framingMatches;
void decoderMatches;
const lineMatches: Same<Extract<FramingConfig, { kind: "line" }>["options"], LineOptions> = true;
const codeTextMatches: Same<Extract<DecoderConfig, { kind: "code-text" }>["options"], CodeTextOptions> = true;
const w26TextMatches: Same<Extract<DecoderConfig, { kind: "w26-text" }>["options"], W26TextOptions> = true;
void lineMatches;
void codeTextMatches;
void w26TextMatches;
const hidKeyboardMatches: Same<
  Extract<FramingConfig, { kind: "hid-keyboard" }>["options"],
  HidKeyboardOptions
> = true;
void hidKeyboardMatches;
const decimalCardMatches: Same<
  Extract<DecoderConfig, { kind: "decimal-card" }>["options"],
  DecimalCardOptions
> = true;
const uidDecimalMatches: Same<Extract<DecoderConfig, { kind: "uid-decimal" }>["options"], UidDecimalOptions> =
  true;
const uidHexMatches: Same<Extract<DecoderConfig, { kind: "uid-hex" }>["options"], UidHexOptions> = true;
void decimalCardMatches;
void uidDecimalMatches;
void uidHexMatches;
