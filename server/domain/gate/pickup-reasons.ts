import type { PickupChildOutcome, PickupReason } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { RosterIndex } from "../roster-index";

/**
 * Why a child was not requested, in words the guard can say to the adult (docs/decisions.md
 * "Refused pickups are alerts"): who asked for or took the child and when, or the leave's reason.
 * Names are resolved now and copied into the record. Pure.
 */
export function pickupReason(
  roster: RosterIndex,
  state: DayState,
  childId: string,
  outcome: PickupChildOutcome,
): PickupReason {
  const day = childDay(state, childId);
  const byName = day.requestDelegateName ?? guardianName(roster, day.requestedByGuardianId);
  const by = byName ? { byName } : {};
  switch (outcome) {
    case "already_requested":
      return { ...by, ...(day.requestedAt ? { since: day.requestedAt } : {}) };
    case "already_released":
      return { ...by, ...(day.releasedAt ? { since: day.releasedAt } : {}) };
    case "already_collected":
    case "possible_clone":
      return { ...by, ...(day.collectedAt ? { since: day.collectedAt } : {}) };
    case "on_leave":
      return day.leaveReason ? { leaveReason: day.leaveReason } : {};
    default:
      return {};
  }
}

function guardianName(roster: RosterIndex, guardianId: string | undefined): string | undefined {
  return guardianId ? (roster.guardians.get(guardianId)?.name ?? guardianId) : undefined;
}
