import { createLogger } from "../../common/log";
import type { HardwareProfile } from "../../common/profiles/schema";
import type { Feedback } from "../drivers";
import { type AgentTiming, backoffDelay, Wakeup } from "../timing";
import { type PipelineCounters, type PipelineOptions, ReaderPipeline, type ReaderReading } from "./pipeline";
import type { OpenTransport, ReaderTransport } from "./transport";

const log = createLogger("gate-agent/reader");

export type ReaderEvent =
  | { type: "reader:open"; readerId: string; path: string }
  | { type: "reader:closed"; readerId: string; path: string; reason: string }
  | { type: "reader:open-failed"; readerId: string; path: string; reason: string };

export interface ReaderStats extends PipelineCounters {
  readerId: string;
  profile: string;
  path: string;
  open: boolean;
  /** Successful opens; more than one means the reader came back after a failure. */
  opens: number;
}

export interface ReaderOptions {
  readerId: string;
  path: string;
  profile: HardwareProfile;
  openTransport: OpenTransport;
  timing: Pick<AgentTiming, "reopenMinMs" | "reopenMaxMs">;
  onReading: (reading: ReaderReading) => void;
  /** Raw frames, decoded or not, for the technician's console. */
  onFrame?: PipelineOptions["onFrame"];
  onBadFrame?: PipelineOptions["onBadFrame"];
  onEvent?: (event: ReaderEvent) => void;
  now?: () => number;
}

/**
 * Keeps one reader open: opens the transport, feeds the pipeline, and when the port fails or
 * closes (reader unplugged) tries again with backoff until stop(), so plugging it back in works.
 */
export class Reader {
  private readonly pipeline: ReaderPipeline;
  private readonly wakeup = new Wakeup();
  private markStopped = () => {};
  private readonly stoppedSignal = new Promise<void>((resolve) => {
    this.markStopped = resolve;
  });
  private stopped = false;
  private open = false;
  private opens = 0;
  private running: Promise<void> | undefined;

  constructor(private readonly options: ReaderOptions) {
    this.pipeline = new ReaderPipeline({
      readerId: options.readerId,
      profile: options.profile,
      onReading: options.onReading,
      ...(options.onFrame ? { onFrame: options.onFrame } : {}),
      ...(options.onBadFrame ? { onBadFrame: options.onBadFrame } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.markStopped();
    this.wakeup.notify();
    await this.running;
  }

  stats(): ReaderStats {
    const { readerId, path, profile } = this.options;
    const counters = this.pipeline.counters;
    return {
      ...counters,
      badFrames: { ...counters.badFrames },
      readerId,
      profile: profile.id,
      path,
      open: this.open,
      opens: this.opens,
    };
  }

  /** Accept/refuse light and beep on readers that have them; nothing on listen-only readers. */
  feedback(kind: Feedback): Promise<void> {
    return this.pipeline.feedback(kind);
  }

  private async run(): Promise<void> {
    const { readerId, path } = this.options;
    let attempt = 0;
    let lastFailure = "";
    while (!this.stopped) {
      let closeReason = "";
      let markClosed = () => {};
      const closed = new Promise<void>((resolve) => {
        markClosed = resolve;
      });
      let transport: ReaderTransport | undefined;
      try {
        this.pipeline.detach();
        transport = await this.options.openTransport(
          { path, settings: this.options.profile.transport },
          {
            onData: (chunk) => this.pipeline.write(chunk),
            onClose: (error) => {
              closeReason = error?.message ?? "closed";
              markClosed();
            },
          },
        );
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        // Logged once per distinct failure: a reader left unplugged all day must not flood the log.
        if (reason !== lastFailure)
          log.warn({ readerId, path, reason }, "cannot open reader, will keep trying");
        lastFailure = reason;
        this.emit({ type: "reader:open-failed", readerId, path, reason });
      }
      if (transport !== undefined) {
        attempt = 0;
        lastFailure = "";
        this.open = true;
        this.opens++;
        const port = transport;
        this.pipeline.attach((bytes) => port.write(bytes));
        log.info({ readerId, path, profile: this.options.profile.id }, "reader open");
        this.emit({ type: "reader:open", readerId, path });
        if (!this.stopped) await Promise.race([closed, this.stoppedSignal]);
        this.open = false;
        this.pipeline.detach();
        if (this.stopped) {
          await transport.close();
          break;
        }
        log.warn({ readerId, path, reason: closeReason }, "reader closed, reopening");
        this.emit({ type: "reader:closed", readerId, path, reason: closeReason });
      }
      if (this.stopped) break;
      await this.wakeup.wait(
        backoffDelay(attempt++, this.options.timing.reopenMinMs, this.options.timing.reopenMaxMs),
      );
    }
  }

  private emit(event: ReaderEvent): void {
    this.options.onEvent?.(event);
  }
}
