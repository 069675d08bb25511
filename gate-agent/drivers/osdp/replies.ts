/** Data of the replies the agent reads; each parser returns undefined for a malformed body. */

export interface PdIdentity {
  /** IEEE OUI of the manufacturer, hex. */
  vendor: string;
  model: number;
  version: number;
  serial: number;
  /** major.minor.build */
  firmware: string;
}

/** osdp_PDID: vendor (3 bytes LE), model, version, serial (4 bytes LE), firmware (3 bytes). */
export function parsePdid(data: Buffer): PdIdentity | undefined {
  if (data.length !== 12) return undefined;
  const vendor = [data[0], data[1], data[2]].map((b) => (b ?? 0).toString(16).padStart(2, "0")).join("");
  return {
    vendor,
    model: data[3] ?? 0,
    version: data[4] ?? 0,
    serial: data.readUInt32LE(5),
    firmware: `${data[9]}.${data[10]}.${data[11]}`,
  };
}

export interface PdCapability {
  function: number;
  compliance: number;
  items: number;
}

/** Capability function codes the agent looks at. */
export const CAPABILITY = {
  LED: 4,
  AUDIBLE: 5,
  CHECK_CHARACTER: 8,
  SECURITY: 9,
} as const;

/** osdp_PDCAP: triplets of function code, compliance level, number of items. */
export function parsePdcap(data: Buffer): PdCapability[] | undefined {
  if (data.length % 3 !== 0) return undefined;
  const caps: PdCapability[] = [];
  for (let i = 0; i + 2 < data.length; i += 3) {
    caps.push({ function: data[i] ?? 0, compliance: data[i + 1] ?? 0, items: data[i + 2] ?? 0 });
  }
  return caps;
}

export interface RawCard {
  reader: number;
  /** 0 = raw bits, 1 = Wiegand. */
  format: number;
  bitCount: number;
  /** Bits, first bit in the top bit of the first byte. */
  bits: Buffer;
}

/** osdp_RAW: reader number, format, bit count (LE16), then ⌈bits/8⌉ bytes. */
export function parseRaw(data: Buffer): RawCard | undefined {
  if (data.length < 4) return undefined;
  const bitCount = data.readUInt16LE(2);
  const bits = data.subarray(4);
  if (bitCount === 0 || bits.length !== Math.ceil(bitCount / 8)) return undefined;
  return { reader: data[0] ?? 0, format: data[1] ?? 0, bitCount, bits: Buffer.from(bits) };
}

/** osdp_KEYPAD: reader number, digit count, then one byte per key. */
export function parseKeypad(data: Buffer): { reader: number; keys: Buffer } | undefined {
  if (data.length < 2 || data.length - 2 !== data[1]) return undefined;
  return { reader: data[0] ?? 0, keys: Buffer.from(data.subarray(2)) };
}
