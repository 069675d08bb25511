import { headCount } from "../../../protocol/head-count";
import { type ChildRoomFacts, isUnexplained, type RoomCountsView } from "../../../protocol/room";
import { childDay, type DayState } from "../day-state";
import type { RosterIndex } from "../roster-index";
import { dismissalWindow, instantAt, isoInZone } from "../schedule";

/**
 * Care start and the unexplained-absence rule (SPEC rule 4): after care starts for a child's
 * band, a child still expected, not on leave and with no reason recorded is "unexplained" until
 * the teacher resolves it or checks the child in.
 */

/**
 * When care starts for a grade on a day, as an instant with the school's offset. A season without
 * `careStarts` falls back to the dismissal window's opening: by then care has surely started, so
 * an alert is late rather than false. Undefined on a day without care or for a grade in no band.
 */
export function careStartOf(roster: RosterIndex, grade: number, day: string): string | undefined {
  // Every tile asks; the answer depends only on the schedule, the zone, the day and the grade.
  let known = careStarts.get(roster.schedule);
  if (!known) {
    known = new Map();
    careStarts.set(roster.schedule, known);
  }
  const timezone = roster.settings.timezone;
  const key = `${timezone}|${day}|${grade}`;
  if (known.has(key)) return known.get(key);
  const window = dismissalWindow(roster.schedule, timezone, day, grade);
  const time = window ? (window.times.careStarts ?? window.times.dismissalOpens) : undefined;
  const start = time ? isoInZone(instantAt(day, time, timezone), timezone) : undefined;
  known.set(key, start);
  return start;
}

const careStarts = new WeakMap<RosterIndex["schedule"], Map<string, string | undefined>>();

/** The facts of a child's tile that the room rules need (added to ChildDayView). */
export function childRoomFacts(roster: RosterIndex, state: DayState, childId: string): ChildRoomFacts {
  const child = roster.children.get(childId);
  const facts: ChildRoomFacts = {};
  if (!child) return facts;
  // Added to the roster today (perhaps during care): expected, but nobody could have told the room.
  const careStartsAt = child.addedOn === state.day ? undefined : careStartOf(roster, child.grade, state.day);
  if (careStartsAt) facts.careStartsAt = careStartsAt;
  const resolved = state.room.resolvedAbsences.get(childId);
  if (resolved) facts.absenceResolved = { at: resolved.at, reason: resolved.reason };
  const leaveId = childDay(state, childId).leaveId;
  if (leaveId) facts.leaveId = leaveId;
  if (child.health) facts.health = child.health;
  return facts;
}

/** Whether one child is an unexplained absence at `now`. */
export function isUnexplainedNow(roster: RosterIndex, state: DayState, childId: string, now: Date): boolean {
  const facts = childRoomFacts(roster, state, childId);
  return isUnexplained({ ...facts, status: childDay(state, childId).status }, now);
}

export interface UnexplainedAbsence {
  childId: string;
  childName: string;
  groupId: string;
  /** When care started: since then the child is missing. */
  since: string;
}

/** Every unexplained absence in the school at `now` (the duty leader's overview reads this). */
export function unexplainedAbsences(roster: RosterIndex, state: DayState, now: Date): UnexplainedAbsence[] {
  const found: UnexplainedAbsence[] = [];
  for (const child of roster.children.values()) {
    const facts = childRoomFacts(roster, state, child.id);
    if (!isUnexplained({ ...facts, status: childDay(state, child.id).status }, now)) continue;
    found.push({
      childId: child.id,
      childName: child.name,
      groupId: child.groupId,
      since: facts.careStartsAt ?? "",
    });
  }
  return found;
}

/** The head count of one group at `now`: who is here, on leave, absent, missing, gone. */
export function roomCounts(roster: RosterIndex, state: DayState, groupId: string, now: Date): RoomCountsView {
  const children = (roster.childrenByGroup.get(groupId) ?? []).map((child) => ({
    ...childRoomFacts(roster, state, child.id),
    status: childDay(state, child.id).status,
  }));
  return headCount(children, now);
}

/** The group's children unexplained at `now`, by id. */
export function unexplainedInGroup(
  roster: RosterIndex,
  state: DayState,
  groupId: string,
  now: Date,
): string[] {
  return unexplainedAbsences(roster, state, now)
    .filter((a) => a.groupId === groupId)
    .map((a) => a.childId);
}
