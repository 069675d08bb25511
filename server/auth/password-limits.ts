import { HandoverLoginLimit } from "../room/handover-limit";
import { type AttemptStore, MemoryAttemptStore } from "./attempt-store";
import { LoginLimit } from "./login-limit";

/** Every place a password is tried, limited together: made once per process, for all its schools. */
export interface PasswordLimits {
  login: LoginLimit;
  handover: HandoverLoginLimit;
}

/** Counted in `store`: the database's when nodes share one, so a guess on one node counts on all. */
export function passwordLimits(store: AttemptStore = new MemoryAttemptStore()): PasswordLimits {
  return { login: new LoginLimit(store), handover: new HandoverLoginLimit(store) };
}
