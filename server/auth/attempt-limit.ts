import { WanfengError } from "../../protocol";

const MAX_KEYS = 10_000;

export interface AttemptRule {
  /** Failures (counting attempts still being checked) allowed per key within the window. */
  max: number;
  windowMs: number;
  /** From this many failures on, each further try waits 1 s, 2 s, 4 s, … after the last one. */
  backoffAfter: number;
  /** The refusal's message, e.g. "too many failed logins". */
  refusal: string;
}

/** An attempt taken before the password is checked; `succeeded` gives it back. */
export interface Reservation {
  succeeded(): void;
}

/**
 * Limits password guesses. The attempt is counted *before* the slow check (scrypt) and only
 * given back when the password was right: checking after the fact let 200 parallel guesses
 * through a limit of 10, since none had failed yet when the others were admitted. In memory:
 * a restart forgets it.
 */
export class AttemptLimit {
  private readonly attempts = new Map<string, number[]>();

  constructor(private readonly rule: AttemptRule) {}

  /** AUTH_FORBIDDEN when any key is spent or still backing off; otherwise one attempt on each key. */
  reserve(keys: readonly string[], now: Date): Reservation {
    const at = now.getTime();
    // Keys of usernames tried once are never asked about again: forget them now and then.
    if (this.attempts.size > MAX_KEYS) for (const key of [...this.attempts.keys()]) this.recent(key, at);
    for (const key of keys) this.refuseIfSpent(this.recent(key, at), at);
    const stamp = at + Math.random() * 1e-3;
    for (const key of keys) this.attempts.set(key, [...this.recent(key, at), stamp]);
    return {
      succeeded: () => {
        for (const key of keys) {
          const left = (this.attempts.get(key) ?? []).filter((t) => t !== stamp);
          if (left.length === 0) this.attempts.delete(key);
          else this.attempts.set(key, left);
        }
      },
    };
  }

  private refuseIfSpent(recent: number[], at: number): void {
    const { max, backoffAfter, windowMs, refusal } = this.rule;
    if (recent.length >= max) {
      const retry = Math.ceil(((recent[0] ?? at) + windowMs - at) / 1000);
      throw new WanfengError("AUTH_FORBIDDEN", `${refusal}, try again in ${retry} s`);
    }
    if (recent.length < backoffAfter) return;
    const last = Math.max(...recent);
    const wait = Math.min(1000 * 2 ** (recent.length - backoffAfter), windowMs);
    if (at < last + wait) {
      throw new WanfengError(
        "AUTH_FORBIDDEN",
        `${refusal}, try again in ${Math.ceil((last + wait - at) / 1000)} s`,
      );
    }
  }

  private recent(key: string, at: number): number[] {
    const kept = (this.attempts.get(key) ?? []).filter((t) => at - t < this.rule.windowMs);
    if (kept.length === 0) this.attempts.delete(key);
    return kept;
  }
}
