import { z } from "zod";

/**
 * Options of the `osdp` driver in a hardware profile. Every field has a default, so
 * `{ "kind": "osdp", "options": {} }` drives a reader at address 0 with CRC and the usual
 * green-one-beep / red-three-beeps / amber-two-long-beeps (wait) feedback.
 */

/** LED colours of osdp_LED, in the order of their codes on the wire. */
export const LED_COLORS = ["none", "red", "green", "amber", "blue", "magenta", "cyan", "white"] as const;
export type LedColor = (typeof LED_COLORS)[number];

const ms = (max: number) => z.int().min(0).max(max);

const LedPatternSchema = z.strictObject({
  color: z.enum(LED_COLORS),
  onMs: ms(25_500),
  offMs: ms(25_500),
  durationMs: z.int().min(100).max(600_000),
});

const BeepPatternSchema = z.strictObject({
  count: z.int().min(0).max(255),
  onMs: ms(25_500),
  offMs: ms(25_500),
});

const signal = (led: z.input<typeof LedPatternSchema>, beep: z.input<typeof BeepPatternSchema>) =>
  z.strictObject({ led: LedPatternSchema.default(led), beep: BeepPatternSchema.default(beep) }).prefault({});

export const OsdpOptionsSchema = z.strictObject({
  /** The reader's address on the bus, 0–126 (127 is broadcast). */
  address: z.int().min(0).max(126).default(0),
  /** Pause between polls while the reader has nothing to say. */
  pollIntervalMs: z.int().min(10).max(10_000).default(200),
  /** How long a command waits for its reply before it is sent again. */
  replyTimeoutMs: z.int().min(20).max(5_000).default(200),
  /** Unanswered resends of one command before the reader counts as offline. */
  retriesBeforeOffline: z.int().min(0).max(20).default(3),
  /** Pause before an offline reader is greeted again (ID, CAP). */
  offlineRetryMs: z.int().min(100).max(600_000).default(2_000),
  /** CRC-16 (default) or the one-byte checksum; a reader that NAKs CRC makes the agent fall back. */
  useCrc: z.boolean().default(true),
  /** Send the 0xFF mark byte before each packet, as OSDP 2.2 asks; older readers skip it. */
  markByte: z.boolean().default(true),
  /** How card bits become a card id; see drivers/osdp/card.ts. */
  cardFormat: z.enum(["wiegand", "uid"]).default("wiegand"),
  keypad: z
    .strictObject({
      timeoutMs: z.int().min(500).max(60_000).default(5_000),
      onTimeout: z.enum(["discard", "submit"]).default("discard"),
    })
    .prefault({}),
  /** The reader LED the feedback patterns drive. */
  ledNumber: z.int().min(0).max(255).default(0),
  accept: signal(
    { color: "green", onMs: 1_500, offMs: 0, durationMs: 1_500 },
    { count: 1, onMs: 200, offMs: 100 },
  ),
  refuse: signal(
    { color: "red", onMs: 200, offMs: 200, durationMs: 2_000 },
    { count: 3, onMs: 100, offMs: 100 },
  ),
  /** Kept, not decided (server away, no fresh offline cache): slow amber and two long beeps. */
  wait: signal(
    { color: "amber", onMs: 500, offMs: 500, durationMs: 3_000 },
    { count: 2, onMs: 400, offMs: 200 },
  ),
});
export type OsdpOptions = z.infer<typeof OsdpOptionsSchema>;
export type OsdpSignal = OsdpOptions["accept"];

export const DEFAULT_OSDP_OPTIONS: OsdpOptions = OsdpOptionsSchema.parse({});
