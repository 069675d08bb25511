import { AttemptLimit, type Reservation } from "../auth/attempt-limit";
import type { AttemptStore } from "../auth/attempt-store";

/**
 * The handover dialog checks a colleague's password on a kiosk that is already logged in: without
 * a limit it would be a way around the login's limit. Ten failures per kiosk user in 15 minutes,
 * waiting longer after each from the fifth, then AUTH_FORBIDDEN until the window has passed.
 */
export class HandoverLoginLimit {
  private readonly limit: AttemptLimit;

  constructor(store: AttemptStore) {
    this.limit = new AttemptLimit(
      {
        counter: "handover",
        max: 10,
        windowMs: 15 * 60_000,
        backoffAfter: 5,
        refusal: "too many failed handover logins",
      },
      store,
    );
  }

  /** Before the password is checked; call `succeeded()` on the answer when it was right. */
  reserve(userId: string, now: Date): Promise<Reservation> {
    return this.limit.reserve([userId], now);
  }
}
