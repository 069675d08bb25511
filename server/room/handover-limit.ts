import { WanfengError } from "../../protocol";

const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 10;

/**
 * The handover dialog checks a colleague's password on a kiosk that is already logged in: without
 * a limit it would be a way around the login's rate limit. Ten failures per kiosk user in 15
 * minutes, then AUTH_FORBIDDEN until the window has passed. In memory: a restart forgets it,
 * like the login limiter.
 */
export class HandoverLoginLimit {
  private readonly failures = new Map<string, number[]>();

  check(userId: string, now: Date): void {
    if (this.recent(userId, now).length >= MAX_FAILURES) {
      throw new WanfengError("AUTH_FORBIDDEN", "too many failed handover logins, wait 15 minutes");
    }
  }

  failed(userId: string, now: Date): void {
    this.failures.set(userId, [...this.recent(userId, now), now.getTime()]);
  }

  private recent(userId: string, now: Date): number[] {
    return (this.failures.get(userId) ?? []).filter((t) => now.getTime() - t < WINDOW_MS);
  }
}
