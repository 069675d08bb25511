import { wiegand26Bits } from "../../../gate-agent/drivers/osdp/card";
import { CMD, NAK, REPLY } from "../../../gate-agent/drivers/osdp/codes";
import { BROADCAST, encodePacket, type Packet, PacketReader } from "../../../gate-agent/drivers/osdp/packet";
import { EventLog } from "../helpers/events";

/**
 * An OSDP reader (PD) with no I/O: control-panel bytes in, reply bytes out through `send`. Wired
 * to a pty by osdp-pd-emulator.ts, or straight to a driver in unit tests. Answers ID, CAP, POLL,
 * LED and BUZ as the spec says, mirrors the CP's CRC/checksum choice, and keeps sequence numbers
 * like a real PD: 0 restarts, a repeated number gets the previous reply again without acting
 * twice, a number out of order gets NAK 4.
 */

export interface PdCommand {
  code: number;
  seq: number;
  data: Buffer;
  crc: boolean;
  /** A repeat of the previous sequence number: answered from the cache, not acted on. */
  repeat: boolean;
}

export interface PdOptions {
  address?: number;
  /** PDID data, 12 bytes. */
  pdid?: Buffer;
  /** PDCAP data, triplets. */
  pdcap?: Buffer;
}

export interface LedCommand {
  color: number;
  onCount: number;
  offCount: number;
  timer: number;
}

export interface BuzCommand {
  tone: number;
  onCount: number;
  offCount: number;
  count: number;
}

export const PDID = Buffer.from("5c260a0102785634120301" + "07", "hex");
// LED control (4), audible (5), CRC supported (8), no secure channel (9: 0).
export const PDCAP = Buffer.from("040101050101080100090000", "hex");

export class OsdpPd {
  readonly commands = new EventLog<PdCommand>();
  readonly leds = new EventLog<LedCommand>();
  readonly buzzes = new EventLog<BuzCommand>();
  /** Replies as sent (or as they would have been sent, when lost). */
  readonly replies: Buffer[] = [];
  /** Silent: hears nothing, answers nothing (unplugged, wrong address, dead). */
  silent = false;
  private readonly reader = new PacketReader();
  private readonly address: number;
  private readonly pending: { code: number; data: Buffer }[] = [];
  private lastSeq: number | undefined;
  private lastCode = -1;
  private lastReply: Buffer | undefined;
  private corruptNext = 0;
  private loseNext = 0;
  private busyNext = 0;
  private nakNext: number | undefined;

  constructor(
    private readonly send: (bytes: Buffer) => void,
    private readonly options: PdOptions = {},
  ) {
    this.address = options.address ?? 0;
  }

  onCpBytes(chunk: Buffer): void {
    if (this.silent) return;
    this.reader.push(chunk, (event) => {
      if (event.type === "packet") this.onCommand(event.packet);
    });
  }

  /** A card read: queued as a RAW reply to the next POLL. */
  swipe(bits: Buffer, bitCount: number, format = 1): void {
    const head = Buffer.from([0, format, bitCount & 0xff, bitCount >> 8]);
    this.pending.push({ code: REPLY.RAW, data: Buffer.concat([head, bits]) });
  }

  swipeW26(facility: number, number: number): void {
    this.swipe(wiegand26Bits(facility, number), 26);
  }

  /** Keys as typed: digits, '#' (sent as 0x0D) and '*' (0x7F), one KEYPAD reply per call. */
  typeKeys(keys: string): void {
    const bytes = [...keys].map((k) => (k === "#" ? 0x0d : k === "*" ? 0x7f : k.charCodeAt(0)));
    this.pending.push({ code: REPLY.KEYPAD, data: Buffer.from([0, bytes.length, ...bytes]) });
  }

  /** The next `n` replies go out with a broken CRC (the cached copy stays good). */
  corruptReplies(n = 1): void {
    this.corruptNext = n;
  }

  /** The next `n` replies are lost on the line after the PD acted on the command. */
  loseReplies(n = 1): void {
    this.loseNext = n;
  }

  busy(n = 1): void {
    this.busyNext = n;
  }

  nak(code: number): void {
    this.nakNext = code;
  }

  private onCommand(packet: Packet): void {
    if (packet.reply || (packet.address !== this.address && packet.address !== BROADCAST)) return;
    const repeat = packet.seq !== 0 && packet.seq === this.lastSeq && packet.code === this.lastCode;
    this.commands.push({ code: packet.code, seq: packet.seq, data: packet.data, crc: packet.crc, repeat });
    if (repeat && this.lastReply !== undefined) {
      this.transmit(this.lastReply);
      return;
    }
    if (this.busyNext > 0) {
      this.busyNext--;
      this.transmit(this.encode(packet, 0, REPLY.BUSY, Buffer.alloc(0)));
      return;
    }
    const expected = this.lastSeq === undefined ? 0 : this.lastSeq === 3 ? 1 : this.lastSeq + 1;
    let reply: { code: number; data: Buffer };
    if (packet.seq !== 0 && packet.seq !== expected) {
      reply = { code: REPLY.NAK, data: Buffer.from([NAK.SEQUENCE]) };
    } else if (this.nakNext !== undefined) {
      reply = { code: REPLY.NAK, data: Buffer.from([this.nakNext]) };
      this.nakNext = undefined;
    } else {
      reply = this.act(packet);
    }
    const bytes = this.encode(packet, packet.seq, reply.code, reply.data);
    this.lastSeq = packet.seq;
    this.lastCode = packet.code;
    this.lastReply = bytes;
    this.transmit(bytes);
  }

  private act(packet: Packet): { code: number; data: Buffer } {
    const ack = { code: REPLY.ACK, data: Buffer.alloc(0) };
    const d = packet.data;
    switch (packet.code) {
      case CMD.ID:
        return { code: REPLY.PDID, data: this.options.pdid ?? PDID };
      case CMD.CAP:
        return { code: REPLY.PDCAP, data: this.options.pdcap ?? PDCAP };
      case CMD.POLL:
        return this.pending.shift() ?? ack;
      case CMD.LED:
        if (d.length !== 14) return { code: REPLY.NAK, data: Buffer.from([NAK.LENGTH]) };
        this.leds.push({
          color: d[5] ?? 0,
          onCount: d[3] ?? 0,
          offCount: d[4] ?? 0,
          timer: d.readUInt16LE(7),
        });
        return ack;
      case CMD.BUZ:
        if (d.length !== 5) return { code: REPLY.NAK, data: Buffer.from([NAK.LENGTH]) };
        this.buzzes.push({ tone: d[1] ?? 0, onCount: d[2] ?? 0, offCount: d[3] ?? 0, count: d[4] ?? 0 });
        return ack;
      default:
        return { code: REPLY.NAK, data: Buffer.from([NAK.UNKNOWN_COMMAND]) };
    }
  }

  private encode(command: Packet, seq: number, code: number, data: Buffer): Buffer {
    return encodePacket({ address: this.address, reply: true, seq, crc: command.crc, code, data });
  }

  private transmit(bytes: Buffer): void {
    this.replies.push(bytes);
    if (this.loseNext > 0) {
      this.loseNext--;
      return;
    }
    if (this.corruptNext > 0) {
      this.corruptNext--;
      const bad = Buffer.from(bytes);
      bad[bad.length - 1] = (bad.at(-1) ?? 0) ^ 0x5a;
      this.send(bad);
      return;
    }
    this.send(bytes);
  }
}
