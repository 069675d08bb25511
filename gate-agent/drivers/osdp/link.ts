import type { DriverContext } from "../types";
import { codeName, REPLY } from "./codes";
import { encodePacket, type Packet, PacketReader, type ParseEvent } from "./packet";
import { OneTimer, type Timers } from "./timers";

export interface Command {
  code: number;
  data: Buffer;
  /** Settles a feedback command: true once the reader answered it. */
  done?: (answered: boolean) => void;
}

export interface LinkOptions {
  address: number;
  markByte: boolean;
  useCrc: boolean;
  replyTimeoutMs: number;
  retriesBeforeOffline: number;
  /** Pause before a command the reader answered BUSY goes again. */
  busyRetryMs: number;
}

export interface LinkEvents {
  /** The reply to `command`, sequence number checked; NAKs included. */
  reply(command: Command, packet: Packet): void;
  /** No reply after every resend. */
  silent(command: Command, tries: number): void;
}

interface Exchange {
  command: Command;
  seq: number;
  bytes: Buffer;
  misses: number;
}

/**
 * One command on the line at a time, with OSDP's sequence numbers: 0 on a fresh start, then
 * 1, 2, 3, 1… A command without a reply goes again with the same number, which tells the reader
 * to repeat its last reply rather than act twice; a reply with another number is not ours.
 */
export class OsdpLink {
  useCrc: boolean;
  resends = 0;
  private readonly reader = new PacketReader();
  private readonly timer: OneTimer;
  private readonly parse = (event: ParseEvent) => this.onParse(event);
  private nextSeq = 0;
  private inFlight: Exchange | undefined;

  constructor(
    private readonly options: LinkOptions,
    private readonly ctx: DriverContext,
    timers: Timers,
    private readonly events: LinkEvents,
  ) {
    this.useCrc = options.useCrc;
    this.timer = new OneTimer(timers);
  }

  get busy(): boolean {
    return this.inFlight !== undefined;
  }

  onData(chunk: Buffer): void {
    this.reader.push(chunk, this.parse);
  }

  /** Forget the exchange in progress; the next command starts the sequence again from 0. */
  reset(): void {
    this.timer.clear();
    this.reader.reset();
    const pending = this.inFlight;
    this.inFlight = undefined;
    this.nextSeq = 0;
    pending?.command.done?.(false);
  }

  /** `seq` only to repeat a command the reader did not process under its own number. */
  send(command: Command, seq = this.nextSeq): void {
    const { address, markByte } = this.options;
    const bytes = encodePacket({
      address,
      seq,
      crc: this.useCrc,
      code: command.code,
      data: command.data,
      mark: markByte,
    });
    this.inFlight = { command, seq, bytes, misses: 0 };
    this.transmit(this.inFlight);
  }

  private transmit(exchange: Exchange): void {
    // Leftovers of an earlier reply cannot be an answer to this command.
    this.reader.reset(this.parse);
    this.timer.set(() => this.onTimeout(exchange), this.options.replyTimeoutMs);
    this.ctx.write(exchange.bytes).catch(() => {
      // The port is going away; the reader closes it and restarts the driver.
    });
  }

  private onTimeout(exchange: Exchange): void {
    if (this.inFlight !== exchange) return;
    exchange.misses++;
    if (exchange.misses <= this.options.retriesBeforeOffline) {
      this.resends++;
      this.transmit(exchange);
      return;
    }
    this.inFlight = undefined;
    this.events.silent(exchange.command, exchange.misses);
  }

  private onParse(event: ParseEvent): void {
    if (event.type === "junk") this.ctx.junk(event.count);
    else if (event.type === "bad") this.ctx.reject(event.reason, event.raw.toString("hex"), event.why);
    else this.onPacket(event.packet);
  }

  private onPacket(packet: Packet): void {
    // Our own commands, echoed by adapters that hear their own transmitter: not a fault at all.
    if (!packet.reply) return;
    // Another reader's reply on a shared bus: not ours, not broken either.
    if (packet.address !== this.options.address) {
      this.ctx.junk(packet.raw.length);
      return;
    }
    const rawHex = packet.raw.toString("hex");
    if (packet.securityBlock) {
      this.ctx.reject("osdp:secure-channel", rawHex, "secure channel replies are not supported yet");
      return;
    }
    const exchange = this.inFlight;
    if (exchange === undefined) {
      this.ctx.reject(
        "osdp:unexpected-reply",
        rawHex,
        `${codeName(packet.code)} with no command outstanding`,
      );
      return;
    }
    if (packet.code === REPLY.BUSY && (packet.seq === 0 || packet.seq === exchange.seq)) {
      // Not processed: the same bytes again, same sequence number, after a pause.
      this.timer.set(() => this.transmit(exchange), this.options.busyRetryMs);
      return;
    }
    if (packet.seq !== exchange.seq) {
      this.ctx.reject("osdp:sequence", rawHex, `sequence ${packet.seq}, expected ${exchange.seq}`);
      return;
    }
    this.timer.clear();
    this.inFlight = undefined;
    this.nextSeq = exchange.seq === 3 ? 1 : exchange.seq + 1;
    this.events.reply(exchange.command, packet);
  }
}
