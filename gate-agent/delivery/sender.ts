import { io, type Socket } from "socket.io-client";
import { DEVICE_ROUTE_HEADER, deviceRouteFromToken } from "../../common/device-route";
import { createLogger } from "../../common/log";
import type { TapReport } from "../../protocol/devices";
import type { WireError } from "../../protocol/errors";
import {
  DEVICE_NAMESPACE,
  type DeviceToServerEvents,
  type ServerToDeviceEvents,
} from "../../protocol/events";
import type { DeviceConfig, TapOutcome } from "../../protocol/model";
import { type AgentTiming, backoffDelay, DEFAULT_TIMING, Wakeup } from "../timing";
import { readAck } from "./ack";
import { MemoryTapQueue, type TapQueue } from "./queue";
import type { AgentTlsOptions } from "./tls-options";

const log = createLogger("gate-agent/delivery");

export type DeviceSocket = Socket<ServerToDeviceEvents, DeviceToServerEvents>;

export type DeliveryEvent =
  | { type: "server:connected"; serverUrl: string }
  | { type: "server:config"; config: DeviceConfig }
  /** The signed offline cache (checked by gate-agent/offline, not here). */
  | { type: "server:cache"; signed: unknown }
  /** A technician's console watches these readers (none: stop streaming frames). */
  | { type: "server:watch"; readerIds: string[] }
  | { type: "server:disconnected"; reason: string }
  | { type: "server:refused"; code: string; message: string }
  | { type: "tap:queued"; report: TapReport }
  | { type: "tap:retry"; report: TapReport; attempt: number; reason: string }
  | { type: "tap:acked"; report: TapReport; outcome: TapOutcome }
  | { type: "tap:dropped"; report: TapReport; error: WireError }
  /** Server clock minus ours, measured on an acknowledgement (half the round trip is the error). */
  | { type: "clock:offset"; offsetMs: number };

export interface DeliveryStats {
  connected: boolean;
  queued: number;
  delivered: number;
  duplicates: number;
  dropped: number;
  retries: number;
  /** Server clock minus ours (ms), from the last acknowledgement; undefined before the first. */
  clockOffsetMs?: number;
  /** When the oldest tap still waiting was read. */
  oldestQueuedAt?: string;
}

export interface TapSenderOptions {
  serverUrl: string;
  /** Further servers, tried in turn while the current one is unreachable (failover). */
  fallbackUrls?: string[];
  token: string;
  queue?: TapQueue;
  timing?: Partial<AgentTiming>;
  onEvent?: (event: DeliveryEvent) => void;
  /** The agent's clock (a test injects a wrong one). */
  now?: () => number;
  /** How the server is verified over HTTPS (agentTlsOptions: the school's CA or a pinned one). */
  tls?: AgentTlsOptions;
}

/**
 * Delivers queued reports one at a time, oldest first, each retried under the same id until the
 * server acknowledges it. Only a VALIDATION_FAILED answer drops a report: resending the same bytes
 * can never succeed. Anything else (timeout, disconnect, a server error) is retried with backoff.
 */
export class TapSender {
  private socket: DeviceSocket;
  private readonly serverUrls: string[];
  private urlIndex = 0;
  /** Failed switches in a row: after a whole round of unreachable servers, wait longer. */
  private failedSwitches = 0;
  private switchTimer: NodeJS.Timeout | undefined;
  private readonly queue: TapQueue;
  private readonly timing: AgentTiming;
  private readonly wakeup = new Wakeup();
  private readonly listeners = new Set<(event: DeliveryEvent) => void>();
  private readonly counts = { delivered: 0, duplicates: 0, dropped: 0, retries: 0 };
  private readonly running: Promise<void>;
  private stopped = false;
  private unreachableLogged = false;
  private refusalTimer: NodeJS.Timeout | undefined;
  private clockOffsetMs: number | undefined;
  private readonly now: () => number;

  constructor(private readonly options: TapSenderOptions) {
    this.timing = { ...DEFAULT_TIMING, ...options.timing };
    this.now = options.now ?? Date.now;
    this.queue =
      options.queue ??
      new MemoryTapQueue(undefined, (dropped) =>
        log.error({ tapId: dropped.id, readerId: dropped.readerId }, "tap queue full, oldest tap dropped"),
      );
    if (options.onEvent) this.listeners.add(options.onEvent);
    this.serverUrls = [options.serverUrl, ...(options.fallbackUrls ?? [])];
    this.socket = this.openSocket();
    this.running = this.run();
  }

  subscribe(listener: (event: DeliveryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async enqueue(report: TapReport): Promise<void> {
    await this.queue.enqueue(report);
    log.info(
      { tapId: report.id, readerId: report.readerId, cardId: cardIdOf(report), at: report.at },
      "tap queued",
    );
    this.emit({ type: "tap:queued", report });
    this.wakeup.notify();
  }

  /**
   * Reader status and console frames: only worth sending while connected (the agent sends a
   * fresh status on every connect), so they are never queued like taps.
   */
  sendLive<E extends "reader:status" | "reader:frame">(
    event: E,
    payload: Parameters<DeviceToServerEvents[E]>[0],
  ): boolean {
    if (!this.socket.connected) return false;
    (this.socket.emit as (e: string, p: unknown) => void)(event, payload);
    return true;
  }

  stats(): DeliveryStats {
    return {
      connected: this.socket.connected,
      queued: this.queue.size(),
      ...this.counts,
      ...(this.clockOffsetMs === undefined ? {} : { clockOffsetMs: this.clockOffsetMs }),
      ...optional("oldestQueuedAt", this.queue.oldestAt?.()),
    };
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.refusalTimer);
    clearTimeout(this.switchTimer);
    this.wakeup.notify();
    this.socket.close();
    await this.running;
    const left = this.queue.size();
    if (left > 0) log.warn({ queued: left }, "stopped with taps not yet acknowledged");
    await this.queue.close?.();
  }

  private openSocket(): DeviceSocket {
    const serverUrl = this.serverUrls[this.urlIndex] ?? this.options.serverUrl;
    const socket: DeviceSocket = io(serverUrl.replace(/\/+$/, "") + DEVICE_NAMESPACE, {
      auth: { token: this.options.token },
      // Which school's engine takes the socket, on a server that serves several (the token stays in auth).
      extraHeaders: { [DEVICE_ROUTE_HEADER]: deviceRouteFromToken(this.options.token) },
      // Each agent is its own device connection; never share a manager with another client.
      forceNew: true,
      reconnectionDelay: this.timing.reconnectMinMs,
      reconnectionDelayMax: this.timing.reconnectMaxMs,
      ...this.options.tls,
    });
    this.watchConnection(socket, serverUrl);
    return socket;
  }

  /**
   * The current server is unreachable: move to the next URL. Taps wait in the same queue, so the
   * next server gets them oldest first, as the first would have. After a whole round of failures
   * the move waits the reconnection backoff, so an agent with every server down does not spin.
   */
  private failOver(): void {
    if (this.serverUrls.length < 2 || this.stopped || this.switchTimer) return;
    this.failedSwitches++;
    const round = Math.floor((this.failedSwitches - 1) / this.serverUrls.length);
    const delay =
      round === 0 ? 0 : backoffDelay(round - 1, this.timing.reconnectMinMs, this.timing.reconnectMaxMs);
    this.switchTimer = setTimeout(() => {
      this.switchTimer = undefined;
      if (this.stopped || this.socket.connected) return;
      const old = this.socket;
      old.removeAllListeners();
      old.close();
      this.urlIndex = (this.urlIndex + 1) % this.serverUrls.length;
      this.unreachableLogged = false;
      log.warn({ serverUrl: this.serverUrls[this.urlIndex] }, "trying the next server");
      this.socket = this.openSocket();
      this.wakeup.notify();
    }, delay);
  }

  private watchConnection(socket: DeviceSocket, serverUrl: string): void {
    socket.on("connect", () => {
      this.unreachableLogged = false;
      this.failedSwitches = 0;
      log.info({ serverUrl }, "connected to server");
      this.emit({ type: "server:connected", serverUrl });
      this.wakeup.notify();
    });
    socket.on("device:config", (config) => {
      log.info({ config }, "device configuration from server");
      this.offsetFromConfig(config.serverAt);
      this.emit({ type: "server:config", config });
    });
    socket.on("device:cache", (signed) => this.emit({ type: "server:cache", signed }));
    socket.on("console:watch", (watch) => {
      const readerIds = Array.isArray(watch?.readerIds)
        ? watch.readerIds.filter((id): id is string => typeof id === "string")
        : [];
      this.emit({ type: "server:watch", readerIds });
    });
    socket.on("disconnect", (reason) => {
      // Our own close is routine; anything else means taps wait in the queue until we are back.
      const level = reason === "io client disconnect" ? "info" : "warn";
      log[level]({ serverUrl, reason }, "disconnected from server");
      this.emit({ type: "server:disconnected", reason });
    });
    socket.on("connect_error", (err) => {
      if (socket.active) {
        // A network failure: socket.io keeps reconnecting by itself.
        if (!this.unreachableLogged)
          log.warn({ serverUrl, reason: err.message }, "server unreachable, retrying");
        this.unreachableLogged = true;
        this.failOver();
        return;
      }
      // Refused by the server's middleware: socket.io will not retry on its own.
      const code = refusalCode(err);
      const hint = code.startsWith("AUTH")
        ? "server refused this agent's token: check the device token"
        : "server refused the connection";
      log.error({ serverUrl, code, reason: err.message, retryInMs: this.timing.authRetryMs }, hint);
      this.emit({ type: "server:refused", code, message: err.message });
      if (this.stopped) return;
      clearTimeout(this.refusalTimer);
      this.refusalTimer = setTimeout(() => {
        if (!this.stopped && socket === this.socket) socket.connect();
      }, this.timing.authRetryMs);
    });
  }

  private async run(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      const report = await this.queue.peek();
      if (report === undefined || !this.socket.connected) {
        await this.wakeup.wait();
        continue;
      }
      const failure = await this.deliver(report);
      if (this.stopped) break;
      if (failure === undefined) {
        attempt = 0;
        continue;
      }
      attempt++;
      this.counts.retries++;
      const delay = backoffDelay(attempt - 1, this.timing.retryMinMs, this.timing.retryMaxMs);
      log.warn(
        { tapId: report.id, attempt, reason: failure, retryInMs: delay },
        "tap not acknowledged, will resend",
      );
      this.emit({ type: "tap:retry", report, attempt, reason: failure });
      await this.wakeup.wait(delay);
    }
  }

  /** Sends once; undefined when the report is settled (acknowledged or dropped), else why to retry. */
  private async deliver(report: TapReport): Promise<string | undefined> {
    let answer: unknown;
    // The server dates the tap by our clock plus the offset we last measured.
    const wire = this.clockOffsetMs === undefined ? report : { ...report, clockOffsetMs: this.clockOffsetMs };
    const sentAt = this.now();
    try {
      answer = await this.socket.timeout(this.timing.ackTimeoutMs).emitWithAck("tap:report", wire);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
    this.measureOffset(answer, sentAt, this.now());
    const ack = readAck(answer);
    if (ack === undefined) return "malformed acknowledgement";
    if ("data" in ack) {
      await this.queue.remove(report.id);
      this.counts.delivered++;
      if (ack.data.duplicate) this.counts.duplicates++;
      log.info(
        { tapId: report.id, result: ack.data.result.kind, duplicate: ack.data.duplicate },
        "tap acknowledged",
      );
      this.emit({ type: "tap:acked", report, outcome: ack.data });
      return undefined;
    }
    if (ack.error.code === "VALIDATION_FAILED") {
      await this.queue.remove(report.id);
      this.counts.dropped++;
      log.error(
        { tapId: report.id, code: ack.error.code, reason: ack.error.message },
        "server rejected tap, dropped",
      );
      this.emit({ type: "tap:dropped", report, error: ack.error });
      return undefined;
    }
    return `${ack.error.code}: ${ack.error.message}`;
  }

  /** Until an acknowledgement measures it, the offset is the one the server's hello implies. */
  private offsetFromConfig(serverAt: string | undefined): void {
    const ms = serverAt === undefined ? Number.NaN : Date.parse(serverAt);
    if (Number.isNaN(ms) || this.clockOffsetMs !== undefined) return;
    this.clockOffsetMs = Math.round(ms - this.now());
  }

  /** The server answered at its `serverAt`, somewhere between our send and receive: take the middle. */
  private measureOffset(answer: unknown, sentAt: number, receivedAt: number): void {
    const serverAt = serverTimeOf(answer);
    if (serverAt === undefined) return;
    const offsetMs = Math.round(serverAt - (sentAt + receivedAt) / 2);
    this.clockOffsetMs = offsetMs;
    this.emit({ type: "clock:offset", offsetMs });
  }

  private emit(event: DeliveryEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function cardIdOf(report: TapReport): string | undefined {
  return report.reading.kind === "card" ? report.reading.cardId : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function serverTimeOf(answer: unknown): number | undefined {
  if (typeof answer !== "object" || answer === null || !("serverAt" in answer)) return undefined;
  const ms = typeof answer.serverAt === "string" ? Date.parse(answer.serverAt) : Number.NaN;
  return Number.isFinite(ms) ? ms : undefined;
}

function refusalCode(err: Error): string {
  const data: unknown = "data" in err ? err.data : undefined;
  if (typeof data === "object" && data !== null && "code" in data && typeof data.code === "string")
    return data.code;
  return /^[A-Z]+_[A-Z_]+$/.test(err.message) ? err.message : "UNKNOWN";
}
