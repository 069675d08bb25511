import { createLogger } from "../../../common/log";
import type { Pn532Options } from "../../../common/profiles/pn532-options";
import type { DriverContext, ReaderDriver } from "../types";
import {
  CMD_GET_FIRMWARE_VERSION,
  CMD_IN_LIST_PASSIVE_TARGET,
  CMD_SAM_CONFIGURATION,
  type FirmwareVersion,
  getFirmwareVersion,
  inListPassiveTarget106A,
  replyCodeOf,
  samConfigurationNormal,
  WAKE_UP,
} from "./commands";
import { ACK, FrameParser, type Pn532Item, TFI_CHIP, TFI_ERROR } from "./frame";
import { handleReply, type Purpose } from "./replies";
import { realScheduler, type Scheduler } from "./scheduler";

const log = createLogger("gate-agent/pn532");

interface Sent {
  purpose: Purpose;
  command: number;
  bytes: Buffer;
  acked: boolean;
}

const COMMANDS: Record<Purpose, { command: number; bytes: () => Buffer }> = {
  // The wake-up preamble goes in the same write, right before the first command, as UM0701 asks.
  setup: { command: CMD_SAM_CONFIGURATION, bytes: () => Buffer.concat([WAKE_UP, samConfigurationNormal()]) },
  firmware: { command: CMD_GET_FIRMWARE_VERSION, bytes: getFirmwareVersion },
  health: { command: CMD_GET_FIRMWARE_VERSION, bytes: getFirmwareVersion },
  poll: { command: CMD_IN_LIST_PASSIVE_TARGET, bytes: inListPassiveTarget106A },
};

/** A failed command is retried after at least this long, so a babbling line cannot spin the loop. */
const MIN_RETRY_DELAY_MS = 50;

/**
 * The PN532 over UART (HSU): wake it, configure the SAM (normal mode), read the firmware version,
 * then poll InListPassiveTarget forever. The chip answers a poll only when a card is in the field,
 * so a poll with no answer after `pollTimeoutMs` is aborted with an ACK and sent again. Anything
 * wrong (no ACK, no reply, NACK, bad checksum) is counted through ctx.reject and the command is
 * re-sent; after `retries` failures in a row the whole set-up runs again, which also brings back
 * a module that was unplugged and re-plugged behind a USB adapter that stayed put.
 */
export class Pn532Driver implements ReaderDriver {
  private readonly parser = new FrameParser();
  private running = false;
  private pending: Sent | undefined;
  /** The last poll was aborted; a card reply racing the abort is still a read. */
  private pollAborted = false;
  private cancelTimer: (() => void) | undefined;
  private failures = 0;
  private ready = false;
  private warnedDown = false;
  private lastHealthAt = 0;
  private firmwareVersion: FirmwareVersion | undefined;

  constructor(
    private readonly options: Pn532Options,
    private readonly ctx: DriverContext,
    private readonly scheduler: Scheduler = realScheduler,
  ) {}

  /** The chip's answer to GetFirmwareVersion, once the set-up got that far. */
  get firmware(): FirmwareVersion | undefined {
    return this.firmwareVersion;
  }

  /** True between a completed set-up and the next run of failures. */
  get isReady(): boolean {
    return this.ready;
  }

  onData(chunk: Buffer): void {
    for (const item of this.parser.push(chunk)) this.onItem(item);
  }

  start(): void {
    this.stop();
    this.running = true;
    this.send("setup");
  }

  stop(): void {
    this.running = false;
    this.clearTimer();
    this.pending = undefined;
    this.pollAborted = false;
    this.parser.reset();
    this.failures = 0;
    this.ready = false;
    this.warnedDown = false;
  }

  flush(): Promise<void> {
    // Bytes are parsed as they arrive; nothing is queued.
    return Promise.resolve();
  }

  private onItem(item: Pn532Item): void {
    switch (item.kind) {
      case "junk":
        this.ctx.junk(item.count);
        return;
      case "bad":
        this.ctx.reject(item.reason, item.raw.toString("hex"), item.why);
        this.failIfPending();
        return;
      case "nack":
        // UM0701 defines NACK as host→chip ("send that again"); from the chip side it comes from
        // clones and line noise, and the safe answer is the same: send the command again.
        this.ctx.reject("pn532:nack", item.raw.toString("hex"), this.describePending());
        this.failIfPending();
        return;
      case "ack":
        this.onAck(item.raw);
        return;
      case "frame":
        this.onFrame(item.tfi, item.data, item.raw);
        return;
    }
  }

  private onAck(raw: Buffer): void {
    const sent = this.pending;
    if (!sent || sent.acked) {
      this.ctx.reject("pn532:unexpected", raw.toString("hex"), `ACK while ${this.describePending()}`);
      return;
    }
    sent.acked = true;
    const o = this.options;
    this.setTimer(sent.purpose === "poll" ? o.pollTimeoutMs : o.replyTimeoutMs, () => this.onTimeout());
  }

  private onFrame(tfi: number, data: Buffer, raw: Buffer): void {
    const rawHex = raw.toString("hex");
    if (tfi === TFI_ERROR) {
      this.ctx.reject("pn532:error-frame", rawHex, `chip reported an error while ${this.describePending()}`);
      this.failIfPending();
      return;
    }
    const code = data[0];
    const sent = this.pending;
    if (tfi === TFI_CHIP && sent && code === replyCodeOf(sent.command)) {
      this.pending = undefined;
      this.clearTimer();
      this.onReply(sent.purpose, data, rawHex);
      return;
    }
    if (tfi === TFI_CHIP && this.pollAborted && code === replyCodeOf(CMD_IN_LIST_PASSIVE_TARGET)) {
      this.pollAborted = false;
      handleReply("poll", data, rawHex, this.ctx);
      return;
    }
    const what = code === undefined ? "an empty frame" : `TFI ${hex(tfi)} code ${hex(code)}`;
    // A stale reply (e.g. to a command re-sent meanwhile): counted; the timeout deals with the rest.
    this.ctx.reject("pn532:unexpected", rawHex, `${what} while ${this.describePending()}`);
  }

  private onReply(purpose: Purpose, data: Buffer, rawHex: string): void {
    const result = handleReply(purpose, data, rawHex, this.ctx);
    if (result.kind === "failed") {
      this.fail();
      return;
    }
    if (result.kind === "sam") {
      this.send("firmware");
      return;
    }
    this.failures = 0;
    if (result.kind === "firmware") {
      this.firmwareVersion = result.firmware;
      this.lastHealthAt = this.ctx.now();
      if (!this.ready) {
        this.ready = true;
        this.warnedDown = false;
        const { ic, version, revision } = result.firmware;
        log.info(
          { readerId: this.ctx.readerId, ic: hex(ic), firmware: `${version}.${revision}` },
          "PN532 ready",
        );
      }
      this.send("poll");
      return;
    }
    this.setTimer(this.options.pollIntervalMs, () => this.nextPoll());
  }

  private onTimeout(): void {
    const sent = this.pending;
    if (!sent) return;
    if (sent.purpose === "poll" && sent.acked) {
      // No card this round: the normal case, not a failure. The ACK tells the chip to stop waiting.
      this.pending = undefined;
      this.pollAborted = true;
      this.failures = 0;
      this.write(ACK);
      this.setTimer(this.options.pollIntervalMs, () => this.nextPoll());
      return;
    }
    this.ctx.reject(
      sent.acked ? "pn532:no-reply" : "pn532:no-ack",
      sent.bytes.toString("hex"),
      `${this.describePending()}: nothing after ${this.options.replyTimeoutMs} ms`,
    );
    this.fail();
  }

  private failIfPending(): void {
    if (this.pending) this.fail();
  }

  /** Re-sends what failed, or runs the set-up again when the chip seems gone or confused. */
  private fail(): void {
    const sent = this.pending;
    this.pending = undefined;
    this.failures++;
    const redoSetup = !this.ready || this.failures >= this.options.retries;
    if (redoSetup && this.ready) {
      this.ready = false;
      this.failures = 0;
    }
    if (redoSetup && !this.warnedDown) {
      // Once per outage: a module left unplugged all day must not flood the log.
      this.warnedDown = true;
      log.warn({ readerId: this.ctx.readerId }, "PN532 not answering, running its set-up again");
    }
    const purpose: Purpose = redoSetup ? "setup" : (sent?.purpose ?? "setup");
    const delay = Math.max(this.options.pollIntervalMs, MIN_RETRY_DELAY_MS);
    this.setTimer(delay, () => this.send(purpose));
  }

  private nextPoll(): void {
    const { healthCheckMs } = this.options;
    const due = healthCheckMs > 0 && this.ctx.now() - this.lastHealthAt >= healthCheckMs;
    this.send(due ? "health" : "poll");
  }

  private send(purpose: Purpose): void {
    if (!this.running) return;
    const { command, bytes } = COMMANDS[purpose];
    const frame = bytes();
    this.pending = { purpose, command, bytes: frame, acked: false };
    this.pollAborted = false;
    // Timer first: a transport that answers synchronously must not have its reply's timer replaced.
    this.setTimer(this.options.replyTimeoutMs, () => this.onTimeout());
    this.write(frame);
  }

  private write(bytes: Buffer): void {
    this.ctx.write(bytes).catch((err: unknown) => {
      // The port is going away; the reader will stop() this driver and start() it on reopen.
      log.debug({ readerId: this.ctx.readerId, err }, "PN532 write failed");
    });
  }

  private setTimer(ms: number, fn: () => void): void {
    this.clearTimer();
    this.cancelTimer = this.scheduler.after(ms, () => {
      this.cancelTimer = undefined;
      if (this.running) fn();
    });
  }

  private clearTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }

  private describePending(): string {
    if (!this.running) return "not started";
    const sent = this.pending;
    if (!sent) return "idle between polls";
    return `waiting for ${sent.acked ? "the reply" : "the ACK"} to ${sent.purpose} (${hex(sent.command)})`;
  }
}

function hex(b: number): string {
  return `0x${b.toString(16).padStart(2, "0")}`;
}
