import { createLogger } from "../../../common/log";
import type { OsdpOptions } from "../../../common/profiles/osdp-options";
import type { DriverContext, Feedback, ReaderDriver } from "../types";
import { cardIdFromRaw } from "./card";
import { CMD, codeName, NAK, nakReason, REPLY } from "./codes";
import { buzzerCommand, ledCommand, STANDARD_REQUEST } from "./commands";
import { KeypadEntry } from "./keypad";
import { type Command, OsdpLink } from "./link";
import type { Packet } from "./packet";
import {
  CAPABILITY,
  type PdCapability,
  type PdIdentity,
  parseKeypad,
  parsePdcap,
  parsePdid,
  parseRaw,
} from "./replies";
import { OneTimer, realTimers, type Timers } from "./timers";

const log = createLogger("gate-agent/osdp");

export type OsdpPhase = "stopped" | "identify" | "capabilities" | "online" | "offline";

/** What the agent knows about the reader, for logs and a technician's console. */
export interface OsdpStatus {
  phase: OsdpPhase;
  identity?: PdIdentity;
  capabilities?: PdCapability[];
  useCrc: boolean;
  /** Commands sent again because no reply came in time. */
  resends: number;
  /** Times an online reader went offline after too many unanswered resends. */
  offlineCount: number;
}

const POLL: Command = { code: CMD.POLL, data: Buffer.alloc(0) };

/**
 * The agent as OSDP control panel (CP) for one reader (PD), plain mode: ID and CAP to greet it,
 * then POLL every `pollIntervalMs`; feedback (LED, BUZ) goes out between polls. A reader that
 * stops answering goes offline and is greeted again, from sequence 0, after `offlineRetryMs`.
 */
export class OsdpDriver implements ReaderDriver {
  private readonly link: OsdpLink;
  /** The poll pause, or the pause before greeting an offline reader again. */
  private readonly timer: OneTimer;
  private readonly keypad: KeypadEntry;
  private readonly queue: Command[] = [];
  private phase: OsdpPhase = "stopped";
  private identity: PdIdentity | undefined;
  private capabilities: PdCapability[] | undefined;
  private offlineCount = 0;
  /** Warn once when a reader stops answering, not at every greeting attempt after. */
  private silenceLogged = false;

  constructor(
    private readonly options: OsdpOptions,
    private readonly ctx: DriverContext,
    timers: Timers = realTimers,
  ) {
    this.timer = new OneTimer(timers);
    this.link = new OsdpLink({ ...options, busyRetryMs: options.pollIntervalMs }, ctx, timers, {
      reply: (command, packet) => this.onReply(command, packet),
      silent: (command, tries) =>
        this.goOffline(`no reply to ${codeName(command.code)} after ${tries} tries`),
    });
    this.keypad = new KeypadEntry(options.keypad, timers, (text, rawHex) =>
      this.ctx.read({ kind: "code", text }, rawHex),
    );
  }

  status(): OsdpStatus {
    return {
      phase: this.phase,
      ...(this.identity ? { identity: this.identity } : {}),
      ...(this.capabilities ? { capabilities: this.capabilities } : {}),
      useCrc: this.link.useCrc,
      resends: this.link.resends,
      offlineCount: this.offlineCount,
    };
  }

  onData(chunk: Buffer): void {
    this.link.onData(chunk);
  }

  start(): void {
    this.stop();
    this.greet();
  }

  stop(): void {
    this.timer.clear();
    this.link.reset();
    this.keypad.clear();
    this.dropQueue();
    this.phase = "stopped";
  }

  flush(): Promise<void> {
    // Parsing is synchronous: every byte given to onData has been handled already.
    return Promise.resolve();
  }

  /** Resolves once the reader answered the LED and BUZ commands, or they were given up. */
  feedback(kind: Feedback): Promise<void> {
    if (this.phase !== "online") {
      log.debug({ readerId: this.ctx.readerId, kind, phase: this.phase }, "no feedback: reader not online");
      return Promise.resolve();
    }
    const signal = this.options[kind];
    const commands: Command[] = [{ code: CMD.LED, data: ledCommand(0, this.options.ledNumber, signal.led) }];
    if (signal.beep.count > 0) commands.push({ code: CMD.BUZ, data: buzzerCommand(0, signal.beep) });
    const answered = commands.map(
      (command) => new Promise<boolean>((resolve) => this.queue.push({ ...command, done: resolve })),
    );
    // Waiting for the next poll would delay the light by up to a poll interval.
    if (!this.link.busy) this.next();
    return Promise.all(answered).then(() => undefined);
  }

  private greet(): void {
    this.phase = "identify";
    this.link.reset();
    this.link.send({ code: CMD.ID, data: STANDARD_REQUEST });
  }

  private goOffline(reason: string): void {
    if (this.phase === "online") this.offlineCount++;
    if (!this.silenceLogged) {
      log.warn(
        { readerId: this.ctx.readerId, reason, retryInMs: this.options.offlineRetryMs },
        "OSDP reader offline",
      );
    }
    this.silenceLogged = true;
    this.link.reset();
    this.dropQueue();
    this.keypad.clear();
    this.phase = "offline";
    this.timer.set(() => this.greet(), this.options.offlineRetryMs);
  }

  private dropQueue(): void {
    for (const command of this.queue.splice(0)) command.done?.(false);
  }

  /** The next command: the greeting's next step, queued feedback, or a poll after a pause. */
  private next(): void {
    if (this.phase === "identify") this.link.send({ code: CMD.ID, data: STANDARD_REQUEST });
    else if (this.phase === "capabilities") this.link.send({ code: CMD.CAP, data: STANDARD_REQUEST });
    if (this.phase !== "online") return;
    const queued = this.queue.shift();
    if (queued !== undefined) {
      this.timer.clear();
      this.link.send(queued);
    } else if (!this.timer.pending) {
      this.timer.set(() => {
        if (!this.link.busy) this.link.send(POLL);
      }, this.options.pollIntervalMs);
    }
  }

  private onReply(command: Command, packet: Packet): void {
    if (packet.code === REPLY.NAK) {
      this.onNak(command, packet);
      return;
    }
    this.silenceLogged = false;
    command.done?.(true);
    const rawHex = packet.raw.toString("hex");
    switch (packet.code) {
      case REPLY.PDID:
        this.identity = parsePdid(packet.data);
        if (this.identity === undefined)
          this.ctx.reject("osdp:bad-reply", rawHex, "PDID of the wrong length");
        break;
      case REPLY.PDCAP:
        this.capabilities = parsePdcap(packet.data);
        if (this.capabilities === undefined)
          this.ctx.reject("osdp:bad-reply", rawHex, "PDCAP not in triplets");
        this.applyCapabilities();
        break;
      case REPLY.RAW:
        this.onCard(packet, rawHex);
        break;
      case REPLY.KEYPAD:
        this.onKeys(packet, rawHex);
        break;
      case REPLY.ACK:
        break;
      default:
        log.debug({ readerId: this.ctx.readerId, reply: codeName(packet.code) }, "reply ignored");
    }
    this.advance(command);
  }

  /** After the reply to `command`: the greeting moves on, then the next command. */
  private advance(command: Command): void {
    if (command.code === CMD.ID && this.phase === "identify") this.phase = "capabilities";
    else if (command.code === CMD.CAP && this.phase === "capabilities") this.goOnline();
    if (!this.link.busy) this.next();
  }

  private onNak(command: Command, packet: Packet): void {
    const code = packet.data[0];
    const { readerId } = this.ctx;
    log.warn({ readerId, command: codeName(command.code), reason: nakReason(code) }, "OSDP reader sent NAK");
    if (code === NAK.CHECK && this.link.useCrc) {
      // The reader only speaks checksum: the same command again, in its language and unprocessed.
      this.link.useCrc = false;
      this.link.send(command, packet.seq);
      return;
    }
    command.done?.(false);
    if (code === NAK.SEQUENCE) {
      this.dropQueue();
      this.greet();
    } else if (code === NAK.SC_UNSUPPORTED || code === NAK.SC_CONDITIONS) {
      this.goOffline("the reader requires a secure channel, which this agent does not speak yet");
    } else {
      // Concerns this command only: carry on (a reader without CAP or a buzzer is still usable).
      this.advance(command);
    }
  }

  private applyCapabilities(): void {
    const check = this.capabilities?.find((c) => c.function === CAPABILITY.CHECK_CHARACTER);
    if (check !== undefined && (check.compliance & 1) === 0 && this.link.useCrc) {
      log.info({ readerId: this.ctx.readerId }, "reader has no CRC-16: using the checksum");
      this.link.useCrc = false;
    }
  }

  private goOnline(): void {
    this.phase = "online";
    const { readerId } = this.ctx;
    log.info({ readerId, identity: this.identity, useCrc: this.link.useCrc }, "OSDP reader online");
  }

  private onCard(packet: Packet, rawHex: string): void {
    const card = parseRaw(packet.data);
    if (card === undefined) {
      this.ctx.reject("osdp:bad-reply", rawHex, "RAW bit count does not match its data");
      return;
    }
    const result = cardIdFromRaw(card, this.options.cardFormat);
    if ("error" in result) this.ctx.reject(result.error.reason, rawHex, result.error.why);
    else this.ctx.read({ kind: "card", cardId: result.cardId }, rawHex);
  }

  private onKeys(packet: Packet, rawHex: string): void {
    const keypad = parseKeypad(packet.data);
    if (keypad === undefined) {
      this.ctx.reject("osdp:bad-reply", rawHex, "KEYPAD count does not match its keys");
      return;
    }
    this.keypad.keys(keypad.keys, rawHex);
  }
}
