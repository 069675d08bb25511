import type { Duty } from "./entities";
import { weekdayOf } from "./schedule/calendar";

/** Who is responsible for a care group on a day, from the duty roster (值班表, SPEC rule 2). Pure. */

/** What the lookup needs of the document (a Db will do). */
export interface DutyRoster {
  duties?: readonly Duty[] | undefined;
  users: readonly { id: string; displayName: string }[];
}

export interface DutyOnDay {
  dutyId: string;
  kind: "teacher" | "volunteer";
  /** The teacher's user id; absent for a volunteer. */
  userId?: string;
  name: string;
  phone?: string;
  /** "HH:MM" from which this person has the group (a handover), absent = from the start. */
  from?: string;
  note?: string;
  /** A line for this date rather than the weekday's standing line. */
  dated: boolean;
}

/**
 * The duty lines of a group on a day, in the order the group passes from hand to hand (no `from`
 * first, then by time). A line for the date replaces the weekday's standing line of the same slot
 * (the same `from`, or both from the start), so a swap for one day is one dated line and the rest
 * of the standing roster (the Friday volunteer from 16:00) still holds. A teacher removed from the
 * users is still named by id.
 */
export function dutyFor(roster: DutyRoster, groupId: string, day: string): DutyOnDay[] {
  const lines = (roster.duties ?? []).filter((d) => d.groupId === groupId);
  const dated = lines.filter((d) => d.date === day);
  const weekday = weekdayOf(day);
  const datedSlots = new Set(dated.map((d) => d.from ?? ""));
  const standing = lines.filter((d) => d.weekday === weekday && !datedSlots.has(d.from ?? ""));
  const chosen = [...dated, ...standing];
  return chosen.map((d) => dutyView(roster, d)).sort((a, b) => (a.from ?? "").localeCompare(b.from ?? ""));
}

/** The person who has the group at a moment ("HH:MM" on the school's clock) of the day. */
export function dutyAt(lines: readonly DutyOnDay[], time: string): DutyOnDay | undefined {
  let current: DutyOnDay | undefined;
  for (const line of lines) if ((line.from ?? "") <= time) current = line;
  return current ?? lines[0];
}

function dutyView(roster: DutyRoster, duty: Duty): DutyOnDay {
  const base = { dutyId: duty.id, dated: duty.date !== undefined };
  const extra = {
    ...(duty.from ? { from: duty.from } : {}),
    ...(duty.note ? { note: duty.note } : {}),
  };
  if (duty.person.kind === "teacher") {
    const { userId } = duty.person;
    const name = roster.users.find((u) => u.id === userId)?.displayName ?? userId;
    return { ...base, kind: "teacher", userId, name, ...extra };
  }
  const phone = duty.person.phone ? { phone: duty.person.phone } : {};
  return { ...base, kind: "volunteer", name: duty.person.name, ...phone, ...extra };
}
