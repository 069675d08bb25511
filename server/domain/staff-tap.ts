import type { TapResult } from "../../protocol";
import type { DayState } from "./day-state";
import type { Card } from "./entities";
import type { StaffSignedIn, StaffSignedOut } from "./events";
import type { RosterIndex } from "./roster-index";

/**
 * A sign-in this recent is not undone by the same card at another reader: a teacher who taps at
 * the room reader and passes the gate reader a few seconds later has just arrived, not left
 * (readers debounce only their own taps; a second tap at the same reader still toggles).
 */
export const STAFF_REPEAT_MS = 60_000;

/**
 * A staff card (考勤, SPEC rule 13) at any reader toggles its holder's attendance: signed out →
 * signed in, signed in → signed out, except at another reader within STAFF_REPEAT_MS of the
 * sign-in, when the tap answers "signed in" again and records nothing. Never a check-in or pickup.
 */
export function decideStaffTap(
  roster: RosterIndex,
  state: DayState,
  card: Card,
  deviceId: string,
  now: Date,
): {
  result: TapResult;
  consequence?:
    | Omit<StaffSignedIn, "id" | "day" | "at" | "actor">
    | Omit<StaffSignedOut, "id" | "day" | "at" | "actor">;
} {
  const userId = card.holder.id;
  const name = roster.staffNames.get(userId) ?? userId;
  const signedInAt = state.staffOnDuty.get(userId);
  const signedIn = signedInAt !== undefined;
  const otherReader = state.staffSignInDevice.get(userId) !== deviceId;
  if (signedIn && otherReader && now.getTime() - Date.parse(signedInAt) < STAFF_REPEAT_MS) {
    return { result: { kind: "staff", userId, name, action: "signed_in" } };
  }
  return {
    result: { kind: "staff", userId, name, action: signedIn ? "signed_out" : "signed_in" },
    consequence: { type: signedIn ? "staff:signedOut" : "staff:signedIn", userId, via: "card", deviceId },
  };
}
