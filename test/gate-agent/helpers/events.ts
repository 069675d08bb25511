/** Records events and lets a test await one, instead of sleeping. */
export class EventLog<E> {
  readonly events: E[] = [];
  private readonly waiters: { match: (e: E) => boolean; resolve: (e: E) => void }[] = [];

  readonly push = (event: E): void => {
    this.events.push(event);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(event)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(event);
      }
    }
  };

  /** Resolves with the first event (already seen or future) that matches. */
  next<T extends E>(match: (e: E) => e is T, label?: string, timeoutMs?: number): Promise<T>;
  next(match: (e: E) => boolean, label?: string, timeoutMs?: number): Promise<E>;
  next(match: (e: E) => boolean, label = "event", timeoutMs = 10_000): Promise<E> {
    const seen = this.events.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return this.waitFresh(match, label, timeoutMs);
  }

  /** Like next, but only events that arrive from now on. */
  waitFresh(match: (e: E) => boolean, label = "event", timeoutMs = 10_000): Promise<E> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${label}`)), timeoutMs);
      this.waiters.push({
        match,
        resolve: (e) => {
          clearTimeout(timer);
          resolve(e);
        },
      });
    });
  }
}
