/** Delays and the wait primitive shared by the reader reopen loop and the sender's retry loop. */

export interface AgentTiming {
  /** How long the sender waits for the server's acknowledgement of one report. */
  ackTimeoutMs: number;
  /** Retry delay after a timeout or a retryable error: doubles from min to max. */
  retryMinMs: number;
  retryMaxMs: number;
  /** socket.io's own reconnection delay, from min to max. */
  reconnectMinMs: number;
  reconnectMaxMs: number;
  /** Delay before reopening a reader whose port failed or closed, from min to max. */
  reopenMinMs: number;
  reopenMaxMs: number;
  /** After the server refuses the token, ask again this often (an admin may fix the device). */
  authRetryMs: number;
}

export const DEFAULT_TIMING: AgentTiming = {
  ackTimeoutMs: 5_000,
  retryMinMs: 500,
  retryMaxMs: 30_000,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 10_000,
  reopenMinMs: 500,
  reopenMaxMs: 10_000,
  authRetryMs: 30_000,
};

/** Exponential with ±20 % jitter, so gates restarted together do not retry in lockstep. */
export function backoffDelay(attempt: number, minMs: number, maxMs: number, random = Math.random): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * A wait that ends early when something happens (stop, reconnect, new work). A notify with nobody
 * waiting is kept for the next wait, so an event that lands between "check" and "wait" is not lost.
 */
export class Wakeup {
  private readonly waiters = new Set<() => void>();
  private latched = false;

  notify(): void {
    if (this.waiters.size === 0) {
      this.latched = true;
      return;
    }
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  wait(timeoutMs?: number): Promise<void> {
    if (this.latched) {
      this.latched = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const wake = () => {
        if (timer !== undefined) clearTimeout(timer);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      if (timeoutMs !== undefined) timer = setTimeout(wake, timeoutMs);
    });
  }
}
