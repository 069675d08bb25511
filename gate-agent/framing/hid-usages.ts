/**
 * HID keyboard usage ids (usage page 0x07, "HID Usage Tables") as a US-layout wedge reader or
 * scanner types them. Only what readers and scanners send is here: letters, digits, the keypad
 * and the printable symbols of a QR code or URL. A usage not in this table is not text.
 */

/** The keys that end a reading. Tab only when the profile says so. */
export const ENTER = 0x28;
export const KEYPAD_ENTER = 0x58;
export const TAB = 0x2b;

/**
 * Usages 0x01–0x03 are not keys but error states (ErrorRollOver, POSTFail, ErrorUndefined): the
 * keyboard reports them in every slot when too many keys are down, so they carry no key presses.
 */
export const FIRST_REAL_KEY = 0x04;
export const ERROR_ROLL_OVER = 0x01;

/** Left Shift 0x02, Right Shift 0x20. */
export const SHIFT_MASK = 0x22;
/** Ctrl, Alt, GUI (left and right): a key pressed with one of these is a shortcut, not text. */
export const NON_TEXT_MODIFIER_MASK = 0xdd;

/** usage → [unshifted, shifted] character. */
const KEYS = new Map<number, readonly [string, string]>();

for (let i = 0; i < 26; i++) {
  const letter = String.fromCharCode(0x61 + i);
  KEYS.set(0x04 + i, [letter, letter.toUpperCase()]);
}

// Top-row digits 1–9 then 0, with their US shifted symbols.
const DIGITS_ROW = "1234567890";
const DIGITS_SHIFTED = "!@#$%^&*()";
for (let i = 0; i < DIGITS_ROW.length; i++) {
  KEYS.set(0x1e + i, [DIGITS_ROW.charAt(i), DIGITS_SHIFTED.charAt(i)]);
}

const SYMBOLS: readonly (readonly [number, string, string])[] = [
  [0x2b, "\t", "\t"],
  [0x2c, " ", " "],
  [0x2d, "-", "_"],
  [0x2e, "=", "+"],
  // ']' unshifted matters: AIM symbology ids ("]Q1") start with it.
  [0x2f, "[", "{"],
  [0x30, "]", "}"],
  [0x31, "\\", "|"],
  [0x33, ";", ":"],
  [0x34, "'", '"'],
  [0x35, "`", "~"],
  [0x36, ",", "<"],
  [0x37, ".", ">"],
  [0x38, "/", "?"],
];
for (const [usage, plain, shifted] of SYMBOLS) KEYS.set(usage, [plain, shifted]);

// The keypad types the same whether or not Shift is down (readers send it with Num Lock assumed on).
const KEYPAD: readonly (readonly [number, string])[] = [
  [0x54, "/"],
  [0x55, "*"],
  [0x56, "-"],
  [0x57, "+"],
  [0x62, "0"],
  [0x63, "."],
];
for (const [usage, char] of KEYPAD) KEYS.set(usage, [char, char]);
for (let i = 0; i < 9; i++) KEYS.set(0x59 + i, [String(i + 1), String(i + 1)]);

/** The character a key types, or undefined when the usage is not text this table knows. */
export function charOfUsage(usage: number, shift: boolean): string | undefined {
  const pair = KEYS.get(usage);
  return pair === undefined ? undefined : pair[shift ? 1 : 0];
}

/** Usage and modifiers that type `char` on a US layout: for building fixtures and tests. */
export function usageOfChar(char: string): { usage: number; shift: boolean } | undefined {
  for (const [usage, [plain, shifted]] of KEYS) {
    // Prefer the top row over the keypad so built fixtures look like what most readers send.
    if (usage >= 0x54) continue;
    if (plain === char) return { usage, shift: false };
    if (shifted === char) return { usage, shift: true };
  }
  return undefined;
}
