import type { W26Form, W26TextOptions } from "../../common/profiles/decoder-options";
import { em4100CardId } from "../../protocol/card-number";
import type { DecodeResult } from "./types";

const FACILITY_NUMBER = /^(\d{1,3})(?:\s*[,-]\s*|\s+)(\d{1,5})$/;
const RAW_HEX = /^[0-9A-Fa-f]{8}$/;
const DECIMAL = /^\d{10}$/;
const MAX_26_BITS = 0x3ffffff;
const MAX_24_BITS = 0xffffff;

type Data = { data24: number } | Extract<DecodeResult, { error: unknown }>;

/**
 * The card id is the same as the EM4100 reader's for the same card (protocol/card-number.ts):
 * W26 carries the low 24 bits, so the card's top byte (bits 24–31 of the printed number) is read
 * as zero. `099,59822` → 0x63E9AE → `0006547886`.
 */
export function decodeW26Text(payload: Uint8Array, options: W26TextOptions): DecodeResult {
  const text = Buffer.from(payload).toString("latin1").trim();
  const form = formOf(text);
  if (form === undefined || !options.forms.includes(form)) {
    const expected = options.forms.join(", ");
    return { error: { reason: "not_w26", why: `not a W26 number in the forms ${expected}` } };
  }
  const result = readData(form, text);
  if ("error" in result) return result;
  const { data24 } = result;
  const tag = [0, 0, (data24 >>> 16) & 0xff, (data24 >>> 8) & 0xff, data24 & 0xff];
  return { reading: { kind: "card", cardId: em4100CardId(tag) } };
}

function formOf(text: string): W26Form | undefined {
  if (FACILITY_NUMBER.test(text)) return "facility-number";
  if (RAW_HEX.test(text)) return "raw-hex";
  if (DECIMAL.test(text)) return "decimal";
  return undefined;
}

function readData(form: W26Form, text: string): Data {
  switch (form) {
    case "facility-number": {
      const [, f = "", n = ""] = FACILITY_NUMBER.exec(text) ?? [];
      const facility = Number(f);
      const number = Number(n);
      if (facility > 0xff || number > 0xffff) {
        return outOfRange(`facility ${facility} (max 255) or number ${number} (max 65535)`);
      }
      return { data24: facility * 0x10000 + number };
    }
    case "raw-hex":
      return checkParity(Number.parseInt(text, 16));
    case "decimal": {
      const value = Number(text);
      if (value > MAX_24_BITS) return outOfRange(`${text} needs more than the 24 bits W26 carries`);
      return { data24: value };
    }
  }
}

/**
 * Wiegand 26 on the wire: even parity bit, 8 facility bits, 16 number bits, odd parity bit. The
 * leading bit makes the first 12 data bits even, the trailing one makes the last 12 odd.
 */
export function checkParity(raw26: number): Data {
  if (raw26 > MAX_26_BITS) return outOfRange(`0x${raw26.toString(16)} is more than 26 bits`);
  const data24 = (raw26 >>> 1) & MAX_24_BITS;
  const evenBit = (raw26 >>> 25) & 1;
  const oddBit = raw26 & 1;
  const evenOk = (ones(data24 >>> 12) + evenBit) % 2 === 0;
  const oddOk = (ones(data24 & 0xfff) + oddBit) % 2 === 1;
  if (!evenOk || !oddOk) {
    const which =
      !evenOk && !oddOk ? "both parity bits" : !evenOk ? "the even parity bit" : "the odd parity bit";
    return { error: { reason: "bad_parity", why: `${which} wrong in 0x${raw26.toString(16)}` } };
  }
  return { data24 };
}

/** The 26 bits a reader sends for 24 data bits: for tests and fixtures. */
export function withParity(data24: number): number {
  const even = ones(data24 >>> 12) % 2;
  const odd = (ones(data24 & 0xfff) + 1) % 2;
  return (even << 25) | ((data24 & MAX_24_BITS) << 1) | odd;
}

function ones(value: number): number {
  let count = 0;
  for (let v = value; v !== 0; v >>>= 1) count += v & 1;
  return count;
}

function outOfRange(why: string): Data {
  return { error: { reason: "out_of_range", why } };
}
