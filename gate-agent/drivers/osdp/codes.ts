/** OSDP command and reply codes used by the control panel (agent) side, and their meanings. */

export const CMD = {
  POLL: 0x60,
  ID: 0x61,
  CAP: 0x62,
  LED: 0x69,
  BUZ: 0x6a,
} as const;

export const REPLY = {
  ACK: 0x40,
  NAK: 0x41,
  PDID: 0x45,
  PDCAP: 0x46,
  LSTATR: 0x48,
  RAW: 0x50,
  KEYPAD: 0x53,
  BUSY: 0x79,
} as const;

/** NAK reason codes (first data byte of osdp_NAK). */
export const NAK = {
  CHECK: 1,
  LENGTH: 2,
  UNKNOWN_COMMAND: 3,
  SEQUENCE: 4,
  SC_UNSUPPORTED: 5,
  SC_CONDITIONS: 6,
} as const;

const NAK_REASONS: Record<number, string> = {
  0: "no error",
  1: "message check character error (CRC/checksum)",
  2: "command length error",
  3: "unknown command",
  4: "unexpected sequence number",
  5: "security block not supported",
  6: "secure channel required or conditions not met",
  7: "biometric type not supported",
  8: "biometric format not supported",
  9: "unable to process command record",
};

export function nakReason(code: number | undefined): string {
  if (code === undefined) return "no reason given";
  return NAK_REASONS[code] ?? `reason ${code}`;
}

export function codeName(code: number): string {
  const all: Record<string, number> = { ...CMD, ...REPLY };
  const name = Object.keys(all).find((k) => all[k] === code);
  return name ?? `0x${code.toString(16).padStart(2, "0")}`;
}
