import { type AlertView, type ChildDayView, type GroupSummary, isAtGateStage } from "../../protocol";
import { childDay, type DayState } from "./day-state";
import type { AlertAcknowledged, AlertRaised } from "./events";
import { addGateDetails } from "./gate/gate-details";
import { custodyBars } from "./gate/gate-outcome";
import { childRoomFacts } from "./room/absences";
import { type RosterIndex, relationOf } from "./roster-index";

/** Projections of the day for screens. Pure: roster + state in, plain objects out. */

/** The gate-stage rule lives in protocol/model.ts (the kiosk's gate queue uses it too). */
export { isAtGateStage };

/** The relation a delegate with a pass is shown with; the kiosk translates it ("代接人" / "delegate"). */
export const DELEGATE_RELATION = "代接";

export function childView(roster: RosterIndex, state: DayState, childId: string): ChildDayView | undefined {
  const child = roster.children.get(childId);
  if (!child) return undefined;
  const group = roster.groups.get(child.groupId);
  const room = group ? roster.rooms.get(group.roomId) : undefined;
  const day = childDay(state, childId);
  const view: ChildDayView = {
    childId,
    name: child.name,
    grade: child.grade,
    className: child.className,
    groupId: child.groupId,
    groupName: group?.name ?? child.groupId,
    roomName: room?.name ?? "",
    status: day.status,
    // Care start, resolved absence, leave id and health notes (server/domain/room).
    ...childRoomFacts(roster, state, childId),
  };
  if (day.checkedInAt) view.checkedInAt = day.checkedInAt;
  if (day.requestedAt) view.requestedAt = day.requestedAt;
  if (day.releasedAt) view.releasedAt = day.releasedAt;
  if (day.collectedAt) view.collectedAt = day.collectedAt;
  if (day.leaveReason) view.leaveReason = day.leaveReason;
  const special = roster.specialCare.get(childId);
  if (special) view.specialCare = { reason: special.reason, decidedBy: special.decidedBy };
  if (day.requestPassId) {
    // A delegate (亲友代接): the screens show the delegate, marked as such, and which pass.
    view.requestedBy = {
      guardianId: day.requestedByGuardianId ?? "",
      name: day.requestDelegateName ?? "",
      relation: DELEGATE_RELATION,
      passId: day.requestPassId,
      ...(day.requestDelegateRelation ? { delegateRelation: day.requestDelegateRelation } : {}),
    };
  } else if (day.requestedByGuardianId) {
    const guardianId = day.requestedByGuardianId;
    view.requestedBy = {
      guardianId,
      name: roster.guardians.get(guardianId)?.name ?? guardianId,
      relation: relationOf(roster, guardianId, childId) ?? "",
    };
  }
  if (day.requestDeviceId) view.requestGateName = roster.devices.get(day.requestDeviceId)?.name ?? "";
  addGateDetails(roster, state, view);
  return view;
}

export function groupChildViews(roster: RosterIndex, state: DayState, groupId: string): ChildDayView[] {
  return (roster.childrenByGroup.get(groupId) ?? [])
    .map((c) => childView(roster, state, c.id))
    .filter((v): v is ChildDayView => v !== undefined);
}

/** The gate's queue: every child with a pickup in progress or done today. */
export function gateChildViews(roster: RosterIndex, state: DayState): ChildDayView[] {
  const views: ChildDayView[] = [];
  for (const [childId, day] of state.children) {
    if (!isAtGateStage(day.status)) continue;
    const view = childView(roster, state, childId);
    if (view) views.push(view);
  }
  return views;
}

export function alertView(
  roster: RosterIndex,
  alert: AlertRaised,
  ack?: Pick<AlertAcknowledged, "byName" | "at" | "note">,
): AlertView {
  const view: AlertView = {
    id: alert.id,
    at: alert.at,
    kind: alert.kind,
    severity: alert.severity,
    deviceName: roster.devices.get(alert.deviceId)?.name ?? alert.deviceId,
  };
  if (alert.cardId) view.cardId = alert.cardId;
  if (alert.rawHex) view.rawHex = alert.rawHex;
  if (alert.holderName) view.holderName = alert.holderName;
  const holderPhoto = barredAdultPhoto(roster, alert);
  if (holderPhoto) view.holderPhoto = holderPhoto;
  if (alert.cardStatus) view.cardStatus = alert.cardStatus;
  if (alert.childOutcomes) view.childOutcomes = alert.childOutcomes;
  if (alert.passRefusal) view.passRefusal = alert.passRefusal;
  if (alert.passId) view.passId = alert.passId;
  if (alert.childId) view.childId = alert.childId;
  if (alert.childName) view.childName = alert.childName;
  if (alert.releasedAt) view.releasedAt = alert.releasedAt;
  if (alert.exitOutcome) view.exitOutcome = alert.exitOutcome;
  if (alert.otherDeviceId)
    view.otherDeviceName = roster.devices.get(alert.otherDeviceId)?.name ?? alert.otherDeviceId;
  if (alert.otherAt) view.otherAt = alert.otherAt;
  if (ack) view.acknowledged = { byName: ack.byName, at: ack.at, ...(ack.note ? { note: ack.note } : {}) };
  return view;
}

/**
 * The photo of the adult a custody alert names: the card's first bar, as custodyAlert chose it.
 * None when the roster's entry no longer has the alert's name: never a face for someone else.
 */
function barredAdultPhoto(roster: RosterIndex, alert: AlertRaised): string | undefined {
  if (alert.kind !== "custody_refused" || !alert.cardId) return undefined;
  const bar = custodyBars(roster, alert.cardId, roster.cards.get(alert.cardId))[0];
  return bar?.entry.name === alert.holderName ? bar?.entry.photo : undefined;
}

/** Every alert of the day with its acknowledgement, oldest first. */
export function alertViews(roster: RosterIndex, state: DayState): AlertView[] {
  return state.alerts.map((a) => alertView(roster, a, state.alertAcks.get(a.id)));
}

export function groupSummary(roster: RosterIndex, groupId: string): GroupSummary | undefined {
  const group = roster.groups.get(groupId);
  if (!group) return undefined;
  return {
    id: group.id,
    name: group.name,
    roomName: roster.rooms.get(group.roomId)?.name ?? "",
    childCount: roster.childrenByGroup.get(groupId)?.length ?? 0,
  };
}
