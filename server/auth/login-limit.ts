import { AttemptLimit, type Reservation } from "./attempt-limit";

const WINDOW_MS = 15 * 60_000;

/**
 * Login guesses are limited per username *and* address, so a stranger's 20 bad logins no longer
 * lock every colleague out (behind a proxy all logins share one address unless `--trust-proxy`
 * names it); an address trying many usernames meets a second, wider limit.
 */
export class LoginLimit {
  private readonly perUser = new AttemptLimit({
    max: 10,
    windowMs: WINDOW_MS,
    backoffAfter: 5,
    refusal: "too many failed logins",
  });
  private readonly perAddress = new AttemptLimit({
    max: 50,
    windowMs: WINDOW_MS,
    backoffAfter: 30,
    refusal: "too many failed logins from this address",
  });

  /** Before the password is checked; AUTH_FORBIDDEN when this user at this address must wait. */
  reserve(username: string, address: string, now: Date): Reservation {
    const user = this.perUser.reserve([`${username.trim().toLowerCase()}|${address}`], now);
    let address_: Reservation;
    try {
      address_ = this.perAddress.reserve([address], now);
    } catch (err) {
      user.succeeded();
      throw err;
    }
    return {
      succeeded() {
        user.succeeded();
        address_.succeeded();
      },
    };
  }
}
