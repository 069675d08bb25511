/**
 * Where password attempts are counted. `AttemptLimit` holds the rules; a store only keeps the
 * times, so one process serving many schools, and several nodes on one database, count together.
 */
export interface AttemptStore {
  /**
   * Atomic for these keys among all who share the store: `admit` gets the times (ms) of each
   * key's attempts younger than `windowMs` (in the order of `keys`) and throws to refuse; when it
   * returns, one attempt at `at` is added on every key. Resolves to that attempt's id.
   */
  add(
    counter: string,
    keys: readonly string[],
    at: number,
    windowMs: number,
    admit: (recent: number[][]) => void,
  ): Promise<string>;
  /** The attempt turned out right: it no longer counts. */
  remove(counter: string, keys: readonly string[], attemptId: string): Promise<void>;
}

/** Keys of usernames tried once are never asked about again: above this many, old ones go. */
const MAX_KEYS = 10_000;

interface Attempt {
  id: string;
  at: number;
  /** When it stops counting: the sweep of old keys knows no counter's window. */
  until: number;
}

/**
 * The embedded server's store: one process, in memory, so a restart forgets it. `add` runs to
 * its end without yielding, which makes it atomic.
 */
export class MemoryAttemptStore implements AttemptStore {
  private readonly attempts = new Map<string, Attempt[]>();
  private nextId = 0;

  async add(
    counter: string,
    keys: readonly string[],
    at: number,
    windowMs: number,
    admit: (recent: number[][]) => void,
  ): Promise<string> {
    if (this.attempts.size > MAX_KEYS) this.sweep(at);
    const names = keys.map((key) => `${counter}|${key}`);
    admit(names.map((name) => this.prune(name, at, windowMs).map((a) => a.at)));
    const id = String(++this.nextId);
    for (const name of names)
      this.attempts.set(name, [...(this.attempts.get(name) ?? []), { id, at, until: at + windowMs }]);
    return id;
  }

  async remove(counter: string, keys: readonly string[], attemptId: string): Promise<void> {
    for (const key of keys) {
      const name = `${counter}|${key}`;
      const left = (this.attempts.get(name) ?? []).filter((a) => a.id !== attemptId);
      if (left.length === 0) this.attempts.delete(name);
      else this.attempts.set(name, left);
    }
  }

  private sweep(at: number): void {
    for (const [name, attempts] of [...this.attempts]) {
      const kept = attempts.filter((a) => a.until > at);
      if (kept.length === 0) this.attempts.delete(name);
      else this.attempts.set(name, kept);
    }
  }

  private prune(name: string, at: number, windowMs: number): Attempt[] {
    const kept = (this.attempts.get(name) ?? []).filter((a) => at - a.at < windowMs);
    if (kept.length === 0) this.attempts.delete(name);
    else this.attempts.set(name, kept);
    return kept;
  }
}
