import { checksum, crc16 } from "./check";

/**
 * OSDP packets: `[FF] 53 ADDR LEN_L LEN_H CTRL [SCB…] CODE DATA… [MAC×4] CRC_L CRC_H` (or one
 * checksum byte). LEN counts the whole packet without the mark byte. CTRL bits 0–1 are the
 * sequence number, bit 2 says CRC (else checksum), bit 3 says a security block follows.
 */

export const MARK = 0xff;
export const SOM = 0x53;
export const BROADCAST = 0x7f;
const CTRL_SEQ = 0x03;
const CTRL_CRC = 0x04;
const CTRL_SCB = 0x08;
const HEADER_LENGTH = 5;
/** Header, code and a checksum: nothing shorter is a packet. */
const MIN_LENGTH = HEADER_LENGTH + 2;
/**
 * Readers send short replies (a card read is a few dozen bytes); a cap keeps a noise byte that
 * looks like a start of message from making us wait for kilobytes before resynchronising.
 */
export const MAX_LENGTH = 1024;
/** Secure channel block types 0x15–0x18 carry a 4-byte MAC before the check characters. */
const MAC_LENGTH = 4;

export interface Packet {
  /** The 7-bit device address (the reply bit removed). */
  address: number;
  /** Bit 7 of ADDR: sent by a reader (PD) rather than a control panel. */
  reply: boolean;
  seq: number;
  crc: boolean;
  /** The security block (length, type, data) when CTRL bit 3 is set. */
  securityBlock?: Buffer;
  code: number;
  data: Buffer;
  /** The whole packet as received, mark byte included when there was one. */
  raw: Buffer;
}

export interface PacketSpec {
  address: number;
  reply?: boolean;
  seq: number;
  crc: boolean;
  code: number;
  data?: Uint8Array;
  /** Leading 0xFF, required by OSDP 2.2 and skipped as line noise by older readers. */
  mark?: boolean;
}

export function encodePacket(spec: PacketSpec): Buffer {
  const data = spec.data ?? new Uint8Array(0);
  const length = HEADER_LENGTH + 1 + data.length + (spec.crc ? 2 : 1);
  const body = Buffer.alloc(length - (spec.crc ? 2 : 1));
  body[0] = SOM;
  body[1] = (spec.address & 0x7f) | (spec.reply ? 0x80 : 0);
  body.writeUInt16LE(length, 2);
  body[4] = (spec.seq & CTRL_SEQ) | (spec.crc ? CTRL_CRC : 0);
  body[5] = spec.code;
  body.set(data, 6);
  const check = spec.crc ? Buffer.alloc(2) : Buffer.from([checksum(body)]);
  if (spec.crc) check.writeUInt16LE(crc16(body), 0);
  return Buffer.concat(spec.mark ? [Buffer.from([MARK]), body, check] : [body, check]);
}

export type ParseEvent =
  | { type: "packet"; packet: Packet }
  | { type: "bad"; reason: string; raw: Buffer; why: string }
  | { type: "junk"; count: number };

/**
 * Cuts a byte stream into packets by the start-of-message byte. Anything before a start is junk
 * (a mark byte right before it is not); a start whose length or check fails is reported and the
 * search goes on from the next byte, because a real packet may begin inside the bad one.
 */
export class PacketReader {
  private buffer = Buffer.alloc(0);
  /** Leading bytes already reported inside a bad packet: searched again, not counted again as junk. */
  private reported = 0;

  push(chunk: Buffer, emit: (event: ParseEvent) => void): void {
    this.buffer = this.buffer.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const start = this.buffer.indexOf(SOM);
      if (start < 0) {
        // A trailing 0xFF may be the mark of a packet still on its way.
        const keep = this.buffer.at(-1) === MARK ? 1 : 0;
        this.dropJunk(this.buffer.length - keep, emit);
        return;
      }
      const hasMark = start > 0 && this.buffer[start - 1] === MARK;
      this.dropJunk(hasMark ? start - 1 : start, emit);
      const at = hasMark ? 1 : 0;
      if (this.buffer.length < at + HEADER_LENGTH) return;
      const length = this.buffer.readUInt16LE(at + 2);
      if (length < MIN_LENGTH || length > MAX_LENGTH) {
        this.skipStart(at, emit, "osdp:length", `length ${length}`);
        continue;
      }
      if (this.buffer.length < at + length) return;
      const result = parsePacket(this.buffer.subarray(at, at + length));
      if ("error" in result) {
        this.skipStart(at, emit, result.error.reason, result.error.why, at + length);
        continue;
      }
      const raw = Buffer.from(this.buffer.subarray(0, at + length));
      this.consume(at + length);
      emit({ type: "packet", packet: { ...result.packet, raw } });
    }
  }

  /** Bytes still waiting for the rest of their packet, dropped (port closed, command resent). */
  reset(emit?: (event: ParseEvent) => void): void {
    const unreported = this.buffer.length - Math.min(this.reported, this.buffer.length);
    if (unreported > 0) emit?.({ type: "junk", count: unreported });
    this.buffer = Buffer.alloc(0);
    this.reported = 0;
  }

  private dropJunk(count: number, emit: (event: ParseEvent) => void): void {
    if (count <= 0) return;
    const fresh = this.buffer.subarray(Math.min(this.reported, count), count);
    const junk = fresh.filter((b) => b !== MARK).length;
    if (junk > 0) emit({ type: "junk", count: junk });
    this.consume(count);
  }

  private consume(count: number): void {
    this.buffer = this.buffer.subarray(count);
    this.reported = Math.max(0, this.reported - count);
  }

  private skipStart(
    at: number,
    emit: (event: ParseEvent) => void,
    reason: string,
    why: string,
    end?: number,
  ) {
    const raw = Buffer.from(this.buffer.subarray(0, end ?? at + HEADER_LENGTH));
    emit({ type: "bad", reason, raw, why });
    // Past the start byte only: the rest is searched again.
    this.consume(at + 1);
    this.reported = Math.max(this.reported, raw.length - (at + 1));
  }
}

type ParseResult = { packet: Omit<Packet, "raw"> } | { error: { reason: string; why: string } };

/** One complete packet (no mark byte), its length already matching LEN. */
function parsePacket(bytes: Buffer): ParseResult {
  const ctrl = bytes[4] ?? 0;
  const crc = (ctrl & CTRL_CRC) !== 0;
  const checkLength = crc ? 2 : 1;
  const body = bytes.subarray(0, bytes.length - checkLength);
  if (crc) {
    const expected = crc16(body);
    const got = bytes.readUInt16LE(bytes.length - 2);
    if (expected !== got) return bad("osdp:crc", `CRC ${hex16(got)}, expected ${hex16(expected)}`);
  } else {
    const expected = checksum(body);
    const got = bytes[bytes.length - 1] ?? 0;
    if (expected !== got) return bad("osdp:checksum", `checksum ${got}, expected ${expected}`);
  }
  let offset = HEADER_LENGTH;
  let securityBlock: Buffer | undefined;
  let end = body.length;
  if (ctrl & CTRL_SCB) {
    const blockLength = body[offset] ?? 0;
    if (blockLength < 2 || offset + blockLength >= body.length) {
      return bad("osdp:security-block", `security block length ${blockLength}`);
    }
    securityBlock = body.subarray(offset, offset + blockLength);
    offset += blockLength;
    const type = securityBlock[1] ?? 0;
    if (type >= 0x15 && type <= 0x18) end -= MAC_LENGTH;
    if (end <= offset) return bad("osdp:security-block", "no room for the MAC");
  }
  const addressByte = bytes[1] ?? 0;
  return {
    packet: {
      address: addressByte & 0x7f,
      reply: (addressByte & 0x80) !== 0,
      seq: ctrl & CTRL_SEQ,
      crc,
      ...(securityBlock ? { securityBlock: Buffer.from(securityBlock) } : {}),
      code: body[offset] ?? 0,
      data: Buffer.from(body.subarray(offset + 1, end)),
    },
  };
}

function bad(reason: string, why: string): ParseResult {
  return { error: { reason, why } };
}

function hex16(value: number): string {
  return `0x${value.toString(16).padStart(4, "0")}`;
}
