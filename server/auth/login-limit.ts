import { AttemptLimit, type Reservation } from "./attempt-limit";
import type { AttemptStore } from "./attempt-store";

const WINDOW_MS = 15 * 60_000;

/**
 * Login guesses are limited per username *and* address, so a stranger's 20 bad logins no longer
 * lock every colleague out (behind a proxy all logins share one address unless `--trust-proxy`
 * names it); an address trying many usernames meets a second, wider limit. One per process, for
 * every school it serves: separate limits per school would give an address one allowance each.
 */
export class LoginLimit {
  private readonly perUser: AttemptLimit;
  private readonly perAddress: AttemptLimit;

  constructor(store: AttemptStore) {
    this.perUser = new AttemptLimit(
      {
        counter: "login-user",
        max: 10,
        windowMs: WINDOW_MS,
        backoffAfter: 5,
        refusal: "too many failed logins",
      },
      store,
    );
    this.perAddress = new AttemptLimit(
      {
        counter: "login-address",
        max: 50,
        windowMs: WINDOW_MS,
        backoffAfter: 30,
        refusal: "too many failed logins from this address",
      },
      store,
    );
  }

  /** Before the password is checked; AUTH_FORBIDDEN when this user at this address must wait. */
  async reserve(username: string, address: string, now: Date): Promise<Reservation> {
    const user = await this.perUser.reserve([`${username.trim().toLowerCase()}|${address}`], now);
    let address_: Reservation;
    try {
      address_ = await this.perAddress.reserve([address], now);
    } catch (err) {
      await user.succeeded();
      throw err;
    }
    return {
      async succeeded() {
        await user.succeeded();
        await address_.succeeded();
      },
    };
  }
}
