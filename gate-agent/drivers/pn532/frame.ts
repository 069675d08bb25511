/**
 * PN532 host-interface frames (UM0701 §6.2), see shared/hardware.md:
 *
 *   normal  00 00 FF LEN LCS TFI DATA… DCS 00   (LEN+LCS)&FF = 0, (TFI+ΣDATA+DCS)&FF = 0
 *   ACK     00 00 FF 00 FF 00
 *   NACK    00 00 FF FF 00 00
 *   error   00 00 FF 01 FF 7F 81 00             (application-level error, TFI 7F)
 *
 * Extended frames (LEN = LCS = FF, then a 16-bit length) are only needed for payloads over 254
 * bytes, which nothing we send asks for: they are refused rather than parsed.
 */

export const TFI_HOST = 0xd4;
export const TFI_CHIP = 0xd5;
export const TFI_ERROR = 0x7f;

export const ACK = Buffer.from([0x00, 0x00, 0xff, 0x00, 0xff, 0x00]);
export const NACK = Buffer.from([0x00, 0x00, 0xff, 0xff, 0x00, 0x00]);

/** Largest LEN of a normal frame (TFI plus 254 data bytes). */
const MAX_NORMAL_LEN = 0xff;

function checksum(bytes: Iterable<number>): number {
  let sum = 0;
  for (const b of bytes) sum += b;
  return (0x100 - (sum & 0xff)) & 0xff;
}

/** A normal information frame; `data` starts with the command or response code. */
export function encodeFrame(tfi: number, data: Uint8Array | readonly number[]): Buffer {
  const body = [tfi, ...data];
  if (body.length >= MAX_NORMAL_LEN) throw new RangeError(`PN532 frame too long: ${body.length} bytes`);
  const len = body.length;
  return Buffer.from([0x00, 0x00, 0xff, len, checksum([len]), ...body, checksum(body), 0x00]);
}

export type Pn532Item =
  | { kind: "ack"; raw: Buffer }
  | { kind: "nack"; raw: Buffer }
  /** `data` is everything after the TFI: the response (or command) code first. */
  | { kind: "frame"; tfi: number; data: Buffer; raw: Buffer }
  /** `reason` is short and stable (it becomes a counter key); `why` is for the log. */
  | { kind: "bad"; reason: string; why: string; raw: Buffer }
  | { kind: "junk"; count: number };

const START = Buffer.from([0x00, 0xff]);

/**
 * Cuts a byte stream into PN532 frames. Bytes before a start code are junk, except one preamble
 * 0x00; a frame is emitted once its postamble byte has arrived, so the same bytes give the same
 * items however the port happens to split them. Never throws on input; memory stays bounded by
 * one frame (at most 262 bytes).
 */
export class FrameParser {
  private buf = Buffer.alloc(0);

  push(chunk: Buffer): Pn532Item[] {
    const items: Pn532Item[] = [];
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    while (this.buf.length > 0 && this.step(items)) {
      // step() consumed something; look again
    }
    return items;
  }

  /** Drops a half-received frame (the port closed, or the driver starts over). */
  reset(): void {
    this.buf = Buffer.alloc(0);
  }

  /** Handles the front of the buffer; false when more bytes are needed. */
  private step(items: Pn532Item[]): boolean {
    const buf = this.buf;
    const at = buf.indexOf(START);
    if (at < 0) {
      // Up to two trailing zeros may be the preamble and first start byte of the next frame.
      const keep = buf.at(-1) !== 0 ? 0 : buf.at(-2) === 0 ? Math.min(2, buf.length) : 1;
      this.skip(items, buf.length - keep);
      return false;
    }
    const begin = at > 0 && buf[at - 1] === 0 ? at - 1 : at;
    if (begin > 0) {
      this.skip(items, begin);
      return true;
    }
    const s = at; // index of the 00 of the start code: 0 or 1
    if (buf.length < s + 4) return false;
    const len = buf[s + 2] ?? 0;
    const lcs = buf[s + 3] ?? 0;

    if (len === 0x00 && lcs === 0xff) return this.control(items, "ack", s + 4);
    if (len === 0xff && lcs === 0x00) return this.control(items, "nack", s + 4);
    if (len === 0xff && lcs === 0xff) {
      this.bad(items, "pn532:extended-frame", "extended frames are not supported", s + 4, s + 4);
      return true;
    }
    if (((len + lcs) & 0xff) !== 0 || len === 0) {
      // A start code inside junk: skip just the start code and look again from there.
      const why = len === 0 ? "empty frame" : `LEN ${hex(len)} LCS ${hex(lcs)}`;
      this.bad(items, "pn532:bad-length-checksum", why, s + 4, s + 2);
      return true;
    }
    const dcsAt = s + 4 + len;
    if (buf.length < dcsAt + 2) return false; // wait for DCS and postamble
    const total = dcsAt + 1 + (buf[dcsAt + 1] === 0x00 ? 1 : 0);
    const body = buf.subarray(s + 4, dcsAt);
    if (checksum(body) !== buf[dcsAt]) {
      // LEN looked right but the data did not: a real frame may start inside it, so resume at the
      // next start code within, or after the whole frame if there is none.
      const inner = buf.indexOf(START, s + 2);
      const resume = inner >= 0 && inner < total ? inner : total;
      this.bad(items, "pn532:bad-data-checksum", `DCS ${hex(buf[dcsAt] ?? 0)}`, total, resume);
      return true;
    }
    const raw = Buffer.from(buf.subarray(0, total));
    items.push({ kind: "frame", tfi: body[0] ?? 0, data: Buffer.from(body.subarray(1)), raw });
    this.buf = buf.subarray(total);
    return true;
  }

  private control(items: Pn532Item[], kind: "ack" | "nack", end: number): boolean {
    if (this.buf.length < end + 1) return false; // wait for the postamble
    const total = end + (this.buf[end] === 0x00 ? 1 : 0);
    items.push({ kind, raw: Buffer.from(this.buf.subarray(0, total)) });
    this.buf = this.buf.subarray(total);
    return true;
  }

  private bad(items: Pn532Item[], reason: string, why: string, rawEnd: number, consume: number): void {
    const raw = Buffer.from(this.buf.subarray(0, Math.min(rawEnd, this.buf.length)));
    items.push({ kind: "bad", reason, why, raw });
    this.buf = this.buf.subarray(consume);
  }

  private skip(items: Pn532Item[], count: number): void {
    if (count <= 0) return;
    items.push({ kind: "junk", count });
    this.buf = this.buf.subarray(count);
  }
}

function hex(b: number): string {
  return b.toString(16).padStart(2, "0");
}
