import { createLogger } from "../common/log";
import { type AgentHealth, CLOCK_OFFSET_ALARM_MS } from "../protocol/technician";
import type { OutboxProblem } from "./delivery/disk-outbox";
import type { DeliveryEvent, DeliveryStats } from "./delivery/sender";

const log = createLogger("gate-agent/health");

/**
 * What the technician screen shows about this agent: outbox depth and its oldest tap, the clock
 * offset, the offline cache's age, whether it answers taps alone. Sent with every reader status.
 */
export class HealthTracker {
  private problem: AgentHealth["outboxProblem"];
  private cacheIssuedAt: string | undefined;
  private cacheMaxAgeMs: number | undefined;
  private offline = false;
  private offsetAlarmed = false;

  constructor(
    private readonly outboxLimit: number,
    /** Agents with no outbox on disk (tests, `wanfeng tap`) report nothing. */
    private readonly onDisk: boolean,
  ) {}

  onProblem(problem: OutboxProblem): void {
    if (problem.kind === "near_full" || problem.kind === "full" || problem.kind === "disk_error")
      this.problem = problem.kind;
  }

  onDelivery(event: DeliveryEvent, stats: DeliveryStats): void {
    // A tap kept on disk means the disk works and there is room again.
    if (event.type === "tap:queued" && this.problem !== "near_full") this.problem = undefined;
    if (event.type === "tap:acked" && this.problem === "near_full") {
      if (stats.queued < this.outboxLimit * 0.8) this.problem = undefined;
    }
    if (event.type === "clock:offset") this.checkOffset(event.offsetMs);
  }

  setCache(issuedAt: string | undefined, maxAgeMs: number, offline: boolean): void {
    this.cacheIssuedAt = issuedAt;
    this.cacheMaxAgeMs = maxAgeMs;
    this.offline = offline;
  }

  health(stats: DeliveryStats): AgentHealth | undefined {
    if (!this.onDisk) return undefined;
    return {
      outboxDepth: stats.queued,
      outboxLimit: this.outboxLimit,
      ...(stats.oldestQueuedAt ? { oldestUndeliveredAt: stats.oldestQueuedAt } : {}),
      ...(this.problem ? { outboxProblem: this.problem } : {}),
      ...(stats.clockOffsetMs === undefined ? {} : { clockOffsetMs: stats.clockOffsetMs }),
      ...(this.cacheIssuedAt ? { cacheIssuedAt: this.cacheIssuedAt } : {}),
      ...(this.cacheMaxAgeMs === undefined ? {} : { cacheMaxAgeMs: this.cacheMaxAgeMs }),
      offline: this.offline,
    };
  }

  private checkOffset(offsetMs: number): void {
    const off = Math.abs(offsetMs) > CLOCK_OFFSET_ALARM_MS;
    if (off && !this.offsetAlarmed)
      log.warn({ offsetMs }, "this computer's clock is off the server's: taps are corrected, fix NTP");
    this.offsetAlarmed = off;
  }
}
