import { z } from "zod";
import {
  CodeTextOptionsSchema,
  DecimalCardOptionsSchema,
  Em4100AsciiHexOptionsSchema,
  UidDecimalOptionsSchema,
  UidHexOptionsSchema,
  W26TextOptionsSchema,
} from "./decoder-options";
import { HidKeyboardOptionsSchema, LineOptionsSchema, StxEtxOptionsSchema } from "./framing-options";
import { OsdpOptionsSchema } from "./osdp-options";
import { Pn532OptionsSchema } from "./pn532-options";

/**
 * The shape of `hardware-profiles/<vendor>/<model>.json`. Every union is discriminated on `kind`
 * so a new transport (e.g. `hid` with vendorId, productId, driverType), framing or decoder is one
 * more member, and a wrong file gets an error naming the exact field.
 */

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

export const FramingSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("stx-etx"), options: StxEtxOptionsSchema }),
  z.strictObject({ kind: z.literal("hid-keyboard"), options: HidKeyboardOptionsSchema }),
  z.strictObject({ kind: z.literal("line"), options: LineOptionsSchema }),
]);
export type FramingConfig = z.infer<typeof FramingSchema>;

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
 * a framing and a decoder. The drivers are in gate-agent/drivers/, their options next to this file.
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
