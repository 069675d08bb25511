import { WanfengError } from "../../../protocol";
import { childDay, type DayState } from "../day-state";
import type { Actor } from "../events";
import type { RosterIndex } from "../roster-index";
import { roomCounts, unexplainedInGroup } from "./absences";
import type { GroupHandedOver, HandoverLeave } from "./room-events";

export interface HandoverInput {
  roster: RosterIndex;
  state: DayState;
  groupId: string;
  /** The person on the kiosk's login; the current holder gives the group if there was a handover. */
  kioskUser: { userId: string; name: string };
  to: GroupHandedOver["to"];
  counted: number;
  actor: Actor;
  eventId: string;
  now: Date;
}

/** Who has the group now: the last handover's receiver, else the person logged in on the kiosk. */
export function currentHolder(state: DayState, groupId: string, kioskUser: { userId: string; name: string }) {
  const last = state.room.holders.get(groupId);
  if (!last) return kioskUser;
  return last.to.kind === "staff"
    ? { userId: last.to.userId, name: last.to.name }
    : { userId: "", name: last.to.name };
}

/** Today's leaves of the group, as both sides of a handover confirm them (交接请假学生). */
export function groupLeaves(roster: RosterIndex, state: DayState, groupId: string): HandoverLeave[] {
  const leaves: HandoverLeave[] = [];
  for (const child of roster.childrenByGroup.get(groupId) ?? []) {
    const day = childDay(state, child.id);
    if (day.status !== "on_leave") continue;
    leaves.push({ childId: child.id, childName: child.name, reason: day.leaveReason ?? "" });
  }
  return leaves;
}

/**
 * The group changes hands (SPEC rule 5): both confirm the head count and the leave list, and the
 * record keeps both parties, the counts, the leaves and who was unexplained at that moment.
 */
export function decideHandover(input: HandoverInput): GroupHandedOver {
  const { roster, state, groupId, kioskUser, to, counted, actor, eventId, now } = input;
  if (!roster.groups.has(groupId)) throw new WanfengError("NOT_FOUND", `no group ${groupId}`);
  const from = currentHolder(state, groupId, kioskUser);
  const same = to.kind === "staff" ? to.userId === from.userId : to.name.trim() === from.name.trim();
  if (same) throw new WanfengError("HANDOVER_SAME_PERSON", `${from.name} already has ${groupId}`);
  const counts = roomCounts(roster, state, groupId, now);
  return {
    id: eventId,
    type: "group:handedOver",
    day: state.day,
    at: now.toISOString(),
    actor,
    groupId,
    from,
    to,
    counted,
    counts,
    mismatch: counted !== counts.present,
    leaves: groupLeaves(roster, state, groupId),
    unexplainedChildIds: unexplainedInGroup(roster, state, groupId, now),
  };
}
