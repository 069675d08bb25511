import type { TapResult } from "../../protocol";
import type { DayState } from "./day-state";
import type { Card } from "./entities";
import type { StaffSignedIn, StaffSignedOut } from "./events";
import type { RosterIndex } from "./roster-index";

/**
 * A staff card (考勤, SPEC rule 13) at any reader toggles its holder's attendance: signed out →
 * signed in, signed in → signed out. It is never a check-in or a pickup, whatever the reader.
 */
export function decideStaffTap(
  roster: RosterIndex,
  state: DayState,
  card: Card,
  deviceId: string,
): {
  result: TapResult;
  consequence:
    | Omit<StaffSignedIn, "id" | "day" | "at" | "actor">
    | Omit<StaffSignedOut, "id" | "day" | "at" | "actor">;
} {
  const userId = card.holder.id;
  const name = roster.staffNames.get(userId) ?? userId;
  const signedIn = state.staffOnDuty.has(userId);
  return {
    result: { kind: "staff", userId, name, action: signedIn ? "signed_out" : "signed_in" },
    consequence: { type: signedIn ? "staff:signedOut" : "staff:signedIn", userId, via: "card", deviceId },
  };
}
