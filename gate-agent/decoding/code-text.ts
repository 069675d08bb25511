import type { CodeTextOptions } from "../../common/profiles/decoder-options";
import type { DecodeResult } from "./types";

/**
 * An AIM identifier (ISO/IEC 15424): `]`, the symbology letter, one modifier character. Modifiers
 * are digits for the symbologies a gate sees (`]Q1` QR, `]Q3` GS1 QR, `]C0` Code 128, `]E0`
 * EAN/UPC, `]d1` DataMatrix).
 */
const AIM_ID = /^\][A-Za-z][0-9]/;

/** The wire limit of a code reading (protocol/devices.ts ReadingSchema). */
const MAX_TEXT = 2048;

/**
 * Control characters a code may carry: TAB, and EOT/FS/GS/RS, which GS1 and ISO/IEC 15434
 * structured codes use as separators. Anything else is line noise, not something printed.
 */
const ALLOWED_CONTROLS = new Set([0x04, 0x09, 0x1c, 0x1d, 0x1e]);

function hasBadControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 || c === 0x7f) && !ALLOWED_CONTROLS.has(c)) return true;
  }
  return false;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** `]Q1WF-PASS-1234` → `{ kind: "code", text: "WF-PASS-1234" }` (with `aimIds: "strip"`). */
export function decodeCodeText(payload: Uint8Array, options: CodeTextOptions): DecodeResult {
  let text: string;
  try {
    text = utf8.decode(payload);
  } catch {
    return { error: { reason: "not_utf8", why: "the code is not valid UTF-8 text" } };
  }
  // A BOM (some scanners send one in Unicode output mode) is not part of the code.
  if (text.startsWith("\uFEFF")) text = text.slice(1);
  if (hasBadControl(text)) {
    return { error: { reason: "not_text", why: "the code has control characters" } };
  }
  const aim = AIM_ID.exec(text)?.[0];
  if (options.allowedAims !== undefined && (aim === undefined || !options.allowedAims.includes(aim))) {
    const which = aim === undefined ? "no AIM id" : `AIM id ${aim}`;
    return {
      error: { reason: "aim_not_allowed", why: `${which}, allowed: ${options.allowedAims.join(" ")}` },
    };
  }
  if (aim !== undefined && options.aimIds === "strip") text = text.slice(aim.length);
  if (text.length === 0) return { error: { reason: "empty", why: "the code has no text" } };
  if (text.length > MAX_TEXT) {
    return { error: { reason: "too_long", why: `${text.length} characters, at most ${MAX_TEXT}` } };
  }
  return { reading: { kind: "code", text } };
}
