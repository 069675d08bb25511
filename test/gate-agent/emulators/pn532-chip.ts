import {
  ACK,
  encodeFrame,
  FrameParser,
  TFI_CHIP,
  TFI_ERROR,
  TFI_HOST,
} from "../../../gate-agent/drivers/pn532/frame";
import { EventLog } from "../helpers/events";

/**
 * The chip side of a PN532 in HSU mode, with no I/O: host bytes in, chip bytes out through `send`.
 * Wired to a pty by pn532-emulator.ts, or straight to a driver in unit tests. Follows UM0701 as
 * far as a card reader needs: asleep until the 0x55 wake-up, an ACK for every good command frame,
 * then the reply; InListPassiveTarget answered only once a card is present; a host ACK aborts it.
 */

export type ChipEvent =
  | { type: "command"; code: number }
  | { type: "abort" }
  | { type: "nack" }
  | { type: "ignored"; why: string };

export interface ChipOptions {
  ic?: number;
  version?: number;
  revision?: number;
  support?: number;
}

// UM0701 §6.2.1.5: LEN 01, the error code 7F in place of a TFI, DCS 81.
const ERROR_FRAME = encodeFrame(TFI_ERROR, []);

export class Pn532Chip {
  readonly events = new EventLog<ChipEvent>();
  private readonly parser = new FrameParser();
  private awake = false;
  private card: Buffer | undefined;
  private pollWaiting = false;
  private lastReply: Buffer | undefined;
  private corruptNext = false;
  private muted = false;

  constructor(
    private readonly send: (bytes: Buffer) => void,
    private readonly options: ChipOptions = {},
  ) {}

  onHostBytes(chunk: Buffer): void {
    if (this.muted) return;
    if (!this.awake && chunk.includes(0x55)) this.awake = true;
    for (const item of this.parser.push(chunk)) {
      if (!this.awake) {
        this.events.push({ type: "ignored", why: "asleep" });
        continue;
      }
      if (item.kind === "ack") {
        if (this.pollWaiting) this.events.push({ type: "abort" });
        this.pollWaiting = false;
      } else if (item.kind === "nack") {
        this.events.push({ type: "nack" });
        if (this.lastReply) this.send(this.lastReply);
      } else if (item.kind === "frame" && item.tfi === TFI_HOST) {
        this.onCommand(item.data);
      }
    }
  }

  /** A card enters the field; a waiting poll is answered at once. */
  present(uid: Buffer): void {
    this.card = uid;
    if (this.pollWaiting) {
      this.pollWaiting = false;
      this.reply(targetData(uid));
    }
  }

  remove(): void {
    this.card = undefined;
  }

  /** The next reply frame goes out with a wrong DCS. */
  injectBadChecksum(): void {
    this.corruptNext = true;
  }

  /** Power loss: asleep again (needs the wake-up), and deaf while `muted`. */
  powerOff(muted = true): void {
    this.awake = false;
    this.pollWaiting = false;
    this.muted = muted;
    this.parser.reset();
  }

  private onCommand(data: Buffer): void {
    const code = data[0] ?? -1;
    this.events.push({ type: "command", code });
    this.pollWaiting = false; // a new command aborts the one in progress
    this.send(Buffer.from(ACK));
    const o = this.options;
    switch (code) {
      case 0x14:
        this.reply([0x15]);
        return;
      case 0x02:
        this.reply([0x03, o.ic ?? 0x32, o.version ?? 1, o.revision ?? 6, o.support ?? 0x07]);
        return;
      case 0x4a:
        if (this.card) this.reply(targetData(this.card));
        else this.pollWaiting = true;
        return;
      default:
        this.lastReply = ERROR_FRAME;
        this.send(ERROR_FRAME);
    }
  }

  private reply(data: readonly number[]): void {
    const frame = encodeFrame(TFI_CHIP, data);
    this.lastReply = frame;
    if (this.corruptNext) {
      this.corruptNext = false;
      const bad = Buffer.from(frame);
      const dcs = bad.length - 2;
      bad[dcs] = ((bad[dcs] ?? 0) + 1) & 0xff;
      this.send(bad);
      return;
    }
    this.send(frame);
  }
}

/** `4B 01 01 SENS_RES SEL_RES UIDLen UID…` as a type A card of that UID length answers. */
export function targetData(uid: Buffer): number[] {
  // SENS_RES/SEL_RES typical of MIFARE Classic (4-byte UID) and Ultralight/NTAG (7-byte).
  const [sens, sel] = uid.length === 4 ? [0x0004, 0x08] : [0x0044, 0x00];
  return [0x4b, 0x01, 0x01, sens >> 8, sens & 0xff, sel, uid.length, ...uid];
}
