import { DEFAULT_ANNOUNCE, type LeaveView, type RoomDayView } from "../../../protocol";
import type { DayState } from "../day-state";
import { dutyFor } from "../duty";
import type { RosterLeave } from "../entities";
import type { RosterIndex } from "../roster-index";
import { medicationDoses } from "./medication";

/** The room kiosk's view of its group's day: roll call, holder, leaves, doses, announcements. */
export function roomDayView(
  roster: RosterIndex,
  state: DayState,
  groupId: string,
  leaves: readonly RosterLeave[],
): RoomDayView {
  const view: RoomDayView = {
    groupId,
    leaves: groupLeaveViews(roster, groupId, leaves, state.day),
    doses: medicationDoses(roster, state, groupId),
    announce: roster.groups.get(groupId)?.announce ?? DEFAULT_ANNOUNCE,
    duty: dutyFor(roster.dutyRoster, groupId, state.day).map((d) => ({
      name: d.name,
      kind: d.kind,
      ...(d.from ? { from: d.from } : {}),
    })),
  };
  const rollCall = state.room.rollCalls.get(groupId);
  if (rollCall) {
    view.rollCall = {
      at: rollCall.at,
      byName: rollCall.byName,
      counted: rollCall.counted,
      counts: rollCall.counts,
      mismatch: rollCall.mismatch,
    };
  }
  const handover = state.room.holders.get(groupId);
  if (handover) {
    view.holder = {
      at: handover.at,
      kind: handover.to.kind,
      name: handover.to.name,
      fromName: handover.from.name,
      counted: handover.counted,
    };
  }
  return view;
}

/** Leaves of the group's children from `today` on, not cancelled, earliest first. */
export function groupLeaveViews(
  roster: RosterIndex,
  groupId: string,
  leaves: readonly RosterLeave[],
  today: string,
): LeaveView[] {
  return leaves
    .filter((l) => !l.cancelledAt && l.to >= today && roster.children.get(l.childId)?.groupId === groupId)
    .sort((a, b) => a.from.localeCompare(b.from) || a.recordedAt.localeCompare(b.recordedAt))
    .map((l) => ({
      id: l.id,
      childId: l.childId,
      childName: roster.children.get(l.childId)?.name ?? l.childId,
      from: l.from,
      to: l.to,
      askedBy: l.askedBy,
      channel: l.channel,
      askedAt: l.askedAt,
      reason: l.reason,
      recordedByName: l.recordedByName,
      recordedAt: l.recordedAt,
    }));
}
