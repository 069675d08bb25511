import type { Correction } from "../../../protocol";
import type { DayAmended } from "../events";
import { instantAt, isoInZone } from "../schedule/zone-time";

/**
 * What an amendment's correction does to one child's day, resolved when the amendment is made
 * and kept in the event, so the reducer needs neither the zone nor the roster.
 */
export function correctionEffect(
  correction: Correction,
  day: string,
  timezone: string,
): DayAmended["effect"] | undefined {
  switch (correction.kind) {
    case "mark_collected":
      return {
        childId: correction.childId,
        status: "collected",
        collectedAt: wallClockInstant(day, correction.time, timezone),
      };
    case "record_leave":
      return { childId: correction.childId, status: "on_leave", leaveReason: correction.reason };
    case "note":
      return undefined;
  }
}

/** "HH:MM" on the school's wall clock that day, as an instant with the school's offset. */
export function wallClockInstant(day: string, time: string, timezone: string): string {
  return isoInZone(instantAt(day, time, timezone), timezone);
}
