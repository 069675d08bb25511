import { LEAVE_MAX_DAYS, WanfengError } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { RosterLeave } from "../entities";
import type { Actor, LeaveRecorded } from "../events";
import type { RosterIndex } from "../roster-index";
import type { LeaveCancelled } from "./room-events";

/**
 * Leave (请假, SPEC rule 4) as pure decisions. A leave lives in the roster's register for its
 * whole range; the day it covers gets a `leave:recorded` event in its own journal, with the id
 * `<leaveId>@<day>` so it is recorded once per day however often the day is rebuilt.
 */

export function leaveCovers(leave: Pick<RosterLeave, "from" | "to">, day: string): boolean {
  return leave.from <= day && day <= leave.to;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A new leave starts today or later and covers at most LEAVE_MAX_DAYS days. */
export function checkLeaveDates(from: string, to: string, today: string): void {
  if (from < today || to < from || daysBetween(from, to) + 1 > LEAVE_MAX_DAYS) {
    throw new WanfengError("LEAVE_BAD_DATES", `leave ${from}..${to} from ${today}`);
  }
}

/** The journal's record of a leave on one of its days. */
export function leaveEvent(leave: RosterLeave, day: string, at: string, actor: Actor): LeaveRecorded {
  return {
    id: `${leave.id}@${day}`,
    type: "leave:recorded",
    day,
    at,
    actor,
    childId: leave.childId,
    reason: leave.reason,
    requestedBy: `${leave.askedBy.name}（${leave.askedBy.relation}）`,
    leaveId: leave.id,
    askedBy: leave.askedBy,
    channel: leave.channel,
    askedAt: leave.askedAt,
    from: leave.from,
    to: leave.to,
  };
}

/**
 * A leave just written: if it covers today it is recorded in today's journal now. A child
 * already in the room (checked in, at the gate, gone) cannot be put on leave: that is an early
 * pickup at the gate, not a leave.
 */
export function decideLeaveToday(
  roster: RosterIndex,
  state: DayState,
  leave: RosterLeave,
  actor: Actor,
  now: Date,
): LeaveRecorded[] {
  if (!roster.children.has(leave.childId)) throw new WanfengError("NOT_FOUND", `no child ${leave.childId}`);
  if (!leaveCovers(leave, state.day)) return [];
  const status = childDay(state, leave.childId).status;
  if (status !== "expected" && status !== "on_leave") {
    throw new WanfengError("ROOM_WRONG_STATE", `child ${leave.childId} is ${status}`, { status });
  }
  return [leaveEvent(leave, state.day, now.toISOString(), actor)];
}

/** The leaves the register holds for the state's day that its journal does not have yet (day start). */
export function plannedLeaveEvents(
  roster: RosterIndex,
  state: DayState,
  leaves: readonly RosterLeave[],
  now: Date,
): LeaveRecorded[] {
  const events: LeaveRecorded[] = [];
  for (const leave of leaves) {
    if (leave.cancelledAt || !leaveCovers(leave, state.day)) continue;
    if (state.room.leavesApplied.has(leave.id) || state.room.leavesCancelled.has(leave.id)) continue;
    if (!roster.children.has(leave.childId)) continue;
    if (childDay(state, leave.childId).status !== "expected") continue;
    events.push(leaveEvent(leave, state.day, now.toISOString(), { kind: "system" }));
  }
  return events;
}

/** Cancelling a leave: today's part is undone in the journal; later days simply never get it. */
export function decideLeaveCancel(
  state: DayState,
  leave: RosterLeave,
  reason: string,
  actor: Actor,
  eventId: string,
  now: Date,
): LeaveCancelled[] {
  if (leave.cancelledAt) throw new WanfengError("ROOM_WRONG_STATE", `leave ${leave.id} already cancelled`);
  if (!leaveCovers(leave, state.day) || !state.room.leavesApplied.has(leave.id)) return [];
  const base = { id: eventId, day: state.day, at: now.toISOString(), actor };
  return [{ ...base, type: "leave:cancelled", childId: leave.childId, leaveId: leave.id, reason }];
}
