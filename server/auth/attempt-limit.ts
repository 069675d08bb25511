import { WanfengError } from "../../protocol";
import type { AttemptStore } from "./attempt-store";

export interface AttemptRule {
  /** The store's name for these counts, e.g. "login-user": rules sharing a store count apart. */
  counter: string;
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
  succeeded(): Promise<void>;
}

/**
 * Limits password guesses. The attempt is counted *before* the slow check (scrypt) and only
 * given back when the password was right: checking after the fact let 200 parallel guesses
 * through a limit of 10, since none had failed yet when the others were admitted. The counts
 * live in the store (memory for one server, the database for nodes sharing one).
 */
export class AttemptLimit {
  constructor(
    private readonly rule: AttemptRule,
    private readonly store: AttemptStore,
  ) {}

  /** AUTH_FORBIDDEN when any key is spent or still backing off; otherwise one attempt on each key. */
  async reserve(keys: readonly string[], now: Date): Promise<Reservation> {
    const at = now.getTime();
    const { counter, windowMs } = this.rule;
    const id = await this.store.add(counter, keys, at, windowMs, (recent) => {
      for (const times of recent) this.refuseIfSpent(times, at);
    });
    return { succeeded: () => this.store.remove(counter, keys, id) };
  }

  private refuseIfSpent(recent: number[], at: number): void {
    const { max, backoffAfter, windowMs, refusal } = this.rule;
    if (recent.length >= max) {
      const retry = Math.ceil((Math.min(...recent) + windowMs - at) / 1000);
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
}
