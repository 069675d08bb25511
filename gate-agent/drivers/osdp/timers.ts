/** Timers behind a small interface so the driver runs on fake timers in tests. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** One pending timeout at a time; setting a new one cancels the old. */
export class OneTimer {
  private handle: unknown;

  constructor(private readonly timers: Timers) {}

  set(callback: () => void, ms: number): void {
    this.clear();
    this.handle = this.timers.set(() => {
      this.handle = undefined;
      callback();
    }, ms);
  }

  clear(): void {
    if (this.handle === undefined) return;
    this.timers.clear(this.handle);
    this.handle = undefined;
  }

  get pending(): boolean {
    return this.handle !== undefined;
  }
}
