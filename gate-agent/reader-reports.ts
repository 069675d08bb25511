import type { AgentHealth, ReaderFrame } from "../protocol/technician";
import type { DeliveryEvent, TapSender } from "./delivery/sender";
import type { ReaderEvent } from "./reader/reader";
import type { ReaderSet } from "./reconfigure";

/** How often counters are compared with what the server last heard. */
const STATUS_INTERVAL_MS = 2_000;
/** A noisy cable must not flood the console: at most this many frames per reader per second. */
const MAX_FRAMES_PER_SECOND = 25;

/**
 * What the agent tells the server about its readers besides taps: their status (on connect, on
 * every open/close, and every couple of seconds while counters change) and, only while a
 * technician's console watches a reader, each of its frames.
 */
export class ReaderReports {
  private watched = new Set<string>();
  private lastSent = "";
  private readonly timer: NodeJS.Timeout;
  private readonly rate = new Map<string, { second: number; count: number }>();

  constructor(
    private readonly sender: TapSender,
    private readonly readers: ReaderSet,
    private readonly now: () => number = Date.now,
    intervalMs = STATUS_INTERVAL_MS,
    /** The agent's outbox, clock and cache, sent along with the readers. */
    private readonly health: () => AgentHealth | undefined = () => undefined,
  ) {
    this.timer = setInterval(() => this.sendStatus(false), intervalMs);
    this.timer.unref();
  }

  onDelivery(event: DeliveryEvent): void {
    if (event.type === "server:connected") {
      this.lastSent = "";
      this.sendStatus(true);
    } else if (event.type === "server:watch") {
      this.watched = new Set(event.readerIds);
    } else if (event.type === "server:disconnected") {
      // The server sends the watch list again on the next connect, if anyone still watches.
      this.watched.clear();
    }
  }

  onReader(event: ReaderEvent): void {
    // Open and close matter at once; a retry that fails the same way again changes nothing.
    this.sendStatus(event.type !== "reader:open-failed");
  }

  frame(frame: ReaderFrame): void {
    if (!this.watched.has(frame.readerId)) return;
    const second = Math.floor(this.now() / 1000);
    const window = this.rate.get(frame.readerId);
    if (window && window.second === second) {
      if (window.count >= MAX_FRAMES_PER_SECOND) return;
      window.count++;
    } else {
      this.rate.set(frame.readerId, { second, count: 1 });
    }
    this.sender.sendLive("reader:frame", frame);
  }

  /** Sends the readers' status when it changed since the last send (or always, when forced). */
  sendStatus(force: boolean): void {
    const readers = this.readers.statuses();
    const agent = this.health();
    const key = JSON.stringify([readers, agent]);
    if (!force && key === this.lastSent) return;
    if (this.sender.sendLive("reader:status", agent ? { readers, agent } : { readers })) this.lastSent = key;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
