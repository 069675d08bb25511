import { WanfengError } from "../../../protocol";
import type { DayState } from "../day-state";
import type { Actor } from "../events";
import type { RosterIndex } from "../roster-index";
import { roomCounts, unexplainedInGroup } from "./absences";
import type { RollCallConfirmed } from "./room-events";

export interface RollCallInput {
  roster: RosterIndex;
  state: DayState;
  groupId: string;
  /** The number of children the teacher counts in the room. */
  counted: number;
  actor: Actor;
  byName: string;
  eventId: string;
  now: Date;
}

/**
 * The teacher confirms the head count (SPEC rule 4, 当天托管教师点到进行确认). The record keeps
 * what the system counted beside what she counted: a mismatch is recorded, not refused, because
 * the room is the truth and the record must show the difference.
 */
export function decideRollCall(input: RollCallInput): RollCallConfirmed {
  const { roster, state, groupId, counted, actor, byName, eventId, now } = input;
  if (!roster.groups.has(groupId)) throw new WanfengError("NOT_FOUND", `no group ${groupId}`);
  const counts = roomCounts(roster, state, groupId, now);
  return {
    id: eventId,
    type: "rollcall:confirmed",
    day: state.day,
    at: now.toISOString(),
    actor,
    groupId,
    byName,
    counted,
    counts,
    mismatch: counted !== counts.present,
    unexplainedChildIds: unexplainedInGroup(roster, state, groupId, now),
  };
}
