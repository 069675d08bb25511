import { LED_COLORS, type LedColor } from "../../../common/profiles/osdp-options";

/**
 * Data of the commands the agent sends (the code byte is added by encodePacket). Times on the
 * wire are in units of 100 ms; patterns in profiles are in milliseconds and rounded here.
 */

/** osdp_ID and osdp_CAP take one byte: 0 = standard reply format. */
export const STANDARD_REQUEST = Buffer.from([0x00]);

export interface LedPattern {
  color: LedColor;
  /** Flash on/off times; offMs 0 = steady on. */
  onMs: number;
  offMs: number;
  /** How long the temporary pattern lasts before the reader returns to its own state. */
  durationMs: number;
}

export interface BeepPattern {
  /** Number of beeps; 0 = no BUZ command at all (0 on the wire would mean "forever"). */
  count: number;
  onMs: number;
  offMs: number;
}

const TEMPORARY_SET = 2;
const PERMANENT_NOP = 0;
const BUZZER_DEFAULT_TONE = 2;

function tenths(ms: number, max: number): number {
  return Math.min(max, Math.max(0, Math.round(ms / 100)));
}

/** osdp_LED for one LED: a temporary pattern, the permanent state left as it is. */
export function ledCommand(reader: number, ledNumber: number, pattern: LedPattern): Buffer {
  const on = Math.max(1, tenths(pattern.onMs, 255));
  const off = tenths(pattern.offMs, 255);
  const timer = Math.max(1, tenths(pattern.durationMs, 0xffff));
  const color = LED_COLORS.indexOf(pattern.color);
  const data = Buffer.alloc(14);
  data[0] = reader;
  data[1] = ledNumber;
  data[2] = TEMPORARY_SET;
  data[3] = on;
  data[4] = off;
  data[5] = color;
  // During the off phase the LED is dark: a red-off-red flash reads as a warning.
  data[6] = 0;
  data.writeUInt16LE(timer, 7);
  data[9] = PERMANENT_NOP;
  return data;
}

/** osdp_BUZ: `count` beeps of the reader's default tone. */
export function buzzerCommand(reader: number, pattern: BeepPattern): Buffer {
  return Buffer.from([
    reader,
    BUZZER_DEFAULT_TONE,
    Math.max(1, tenths(pattern.onMs, 255)),
    tenths(pattern.offMs, 255),
    Math.min(255, Math.max(1, pattern.count)),
  ]);
}
