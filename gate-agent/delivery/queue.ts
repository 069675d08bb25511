import type { TapReport } from "../../protocol/devices";

/**
 * Reports waiting for the server's acknowledgement, oldest first. Async so an on-disk queue (taps
 * survive an agent restart) can implement it; size() is synchronous because every implementation
 * keeps its length in memory and stats must not wait on I/O.
 */
export interface TapQueue {
  enqueue(report: TapReport): Promise<void>;
  /** The oldest report, left in place until remove(). */
  peek(): Promise<TapReport | undefined>;
  /** Called after the server acknowledged (or definitively refused) the report. */
  remove(id: string): Promise<void>;
  size(): number;
  /** When the oldest waiting tap was read. */
  oldestAt?(): string | undefined;
  close?(): Promise<void>;
}

/** Keeps reports in memory; bounded so a server that is down for days cannot exhaust memory. */
export class MemoryTapQueue implements TapQueue {
  private readonly reports: TapReport[] = [];

  constructor(
    private readonly limit = 10_000,
    private readonly onOverflow: (dropped: TapReport) => void = () => {},
  ) {}

  async enqueue(report: TapReport): Promise<void> {
    this.reports.push(report);
    while (this.reports.length > this.limit) {
      const dropped = this.reports.shift();
      if (dropped) this.onOverflow(dropped);
    }
  }

  async peek(): Promise<TapReport | undefined> {
    return this.reports[0];
  }

  async remove(id: string): Promise<void> {
    const at = this.reports.findIndex((r) => r.id === id);
    if (at >= 0) this.reports.splice(at, 1);
  }

  size(): number {
    return this.reports.length;
  }

  oldestAt(): string | undefined {
    return this.reports[0]?.at;
  }
}
