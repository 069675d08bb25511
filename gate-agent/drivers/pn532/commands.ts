import { encodeFrame, TFI_HOST } from "./frame";

/** The few PN532 commands a card reader needs (UM0701 §7), and parsers for their replies. */

export const CMD_GET_FIRMWARE_VERSION = 0x02;
export const CMD_SAM_CONFIGURATION = 0x14;
export const CMD_IN_LIST_PASSIVE_TARGET = 0x4a;

/** A reply's code is its command's code + 1. */
export function replyCodeOf(command: number): number {
  return (command + 1) & 0xff;
}

/**
 * In HSU mode the chip sleeps after power-up and wakes on a long preamble: 0x55 0x55 and zeros
 * (libnfc sends 14), immediately followed by the first command.
 */
export const WAKE_UP = Buffer.from([0x55, 0x55, ...new Array<number>(14).fill(0)]);

export function commandFrame(code: number, params: readonly number[] = []): Buffer {
  return encodeFrame(TFI_HOST, [code, ...params]);
}

/** Normal mode: the SAM is not used; the chip becomes ready to poll. */
export const samConfigurationNormal = (): Buffer => commandFrame(CMD_SAM_CONFIGURATION, [0x01]);

export const getFirmwareVersion = (): Buffer => commandFrame(CMD_GET_FIRMWARE_VERSION);

/** One target at 106 kbps type A (ISO 14443A: MIFARE, NTAG, most school and transit cards). */
export const inListPassiveTarget106A = (): Buffer => commandFrame(CMD_IN_LIST_PASSIVE_TARGET, [0x01, 0x00]);

export interface FirmwareVersion {
  /** 0x32 for a PN532. */
  ic: number;
  version: number;
  revision: number;
  /** Bit field of supported card families (bit 0 type A, 1 type B, 2 ISO 18092). */
  support: number;
}

export type Parsed<T> = { ok: T } | { error: string };

/** `data` is the frame after the TFI: `03 IC Ver Rev Support`. */
export function parseFirmwareVersion(data: Buffer): Parsed<FirmwareVersion> {
  if (data[0] !== replyCodeOf(CMD_GET_FIRMWARE_VERSION)) return { error: "not a firmware version reply" };
  const [, ic, version, revision, support] = data;
  if (ic === undefined || version === undefined || revision === undefined || support === undefined) {
    return { error: `firmware version reply too short: ${data.length} bytes` };
  }
  return { ok: { ic, version, revision, support } };
}

export interface PassiveTarget {
  sensRes: number;
  selRes: number;
  uid: Buffer;
}

const UID_LENGTHS = new Set([4, 7, 10]);

/**
 * `data` is `4B NbTg [Tg SENS_RES(2) SEL_RES UIDLen UID… (ATS…)]`. NbTg 0 happens when the chip
 * gives up by itself (MxRtyPassiveActivation not infinite): no card, not an error.
 */
export function parsePassiveTarget(data: Buffer): Parsed<PassiveTarget | undefined> {
  if (data[0] !== replyCodeOf(CMD_IN_LIST_PASSIVE_TARGET)) return { error: "not a passive target reply" };
  const count = data[1];
  if (count === undefined) return { error: "passive target reply without a target count" };
  if (count === 0) return { ok: undefined };
  const sensHi = data[3];
  const sensLo = data[4];
  const selRes = data[5];
  const uidLength = data[6];
  if (sensHi === undefined || sensLo === undefined || selRes === undefined || uidLength === undefined) {
    return { error: `passive target reply too short: ${data.length} bytes` };
  }
  if (!UID_LENGTHS.has(uidLength)) return { error: `UID length ${uidLength} is not 4, 7 or 10` };
  if (data.length < 7 + uidLength)
    return { error: `UID cut short: ${data.length - 7} of ${uidLength} bytes` };
  return {
    ok: { sensRes: (sensHi << 8) | sensLo, selRes, uid: Buffer.from(data.subarray(7, 7 + uidLength)) },
  };
}
