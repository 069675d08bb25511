import type { ChildCheckedIn } from "../../server/domain/events";

/** A small valid day event for journal tests. */
export function checkIn(id: string, day = "2025-03-04"): ChildCheckedIn {
  return {
    id,
    day,
    at: `${day}T16:00:00.000+08:00`,
    actor: { kind: "system" },
    type: "child:checked_in",
    childId: "20250101",
    via: "card",
  };
}
