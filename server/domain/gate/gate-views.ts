import type {
  AdultView,
  ContactTarget,
  ContactView,
  EarlyAskView,
  GateBoard,
  GateRegisterEntry,
  LateChildView,
} from "../../../protocol";
import { compareEarly, compareLate, type GateBoardChange } from "../../../protocol/gate-board";
import { childDay, type DayState } from "../day-state";
import { DEFAULT_RECEPTION_ROOM } from "../entities";
import { type RosterIndex, relationOf } from "../roster-index";
import { dismissalWindow } from "../schedule/windows";
import { childView, DELEGATE_RELATION } from "../views";
import type { ContactLogged } from "./gate-events";
import type { EarlyAsk, RegisterRecord } from "./gate-state";

/**
 * The gate board's projections (SPEC rules 7, 9, 10). Pure: roster + state (+ the time where the
 * schedule matters) in, plain objects out, so the overview and the reports can reuse them.
 */

export function gateBoard(roster: RosterIndex, state: DayState, now: Date): GateBoard {
  return {
    early: earlyPickups(roster, state),
    late: lateChildren(roster, state, now),
    register: gateRegister(roster, state),
    receptionRoom: roster.settings.receptionRoomName ?? DEFAULT_RECEPTION_ROOM,
  };
}

/** Today's early pickups: those waiting for the guard first, then the decided ones, newest first. */
export function earlyPickups(roster: RosterIndex, state: DayState): EarlyAskView[] {
  const views: EarlyAskView[] = [];
  for (const ask of state.gate.early.values()) {
    const view = earlyAskView(roster, state, ask);
    if (view) views.push(view);
  }
  return views.sort(compareEarly);
}

function earlyAskView(roster: RosterIndex, state: DayState, ask: EarlyAsk): EarlyAskView | undefined {
  const child = childView(roster, state, ask.childId);
  if (!child) return undefined;
  const view: EarlyAskView = {
    id: ask.id,
    at: ask.at,
    status: ask.status,
    child,
    adult: askAdult(roster, ask),
    gateName: roster.devices.get(ask.deviceId)?.name ?? "",
  };
  if (ask.reason) view.reason = ask.reason;
  if (ask.decidedAt) view.decidedAt = ask.decidedAt;
  if (ask.decidedByName) view.decidedByName = ask.decidedByName;
  return view;
}

function askAdult(roster: RosterIndex, ask: EarlyAsk): AdultView {
  if (ask.passId) {
    return {
      guardianId: ask.guardianId,
      name: ask.delegateName ?? "",
      relation: DELEGATE_RELATION,
      passId: ask.passId,
      ...(ask.delegateRelation ? { delegateRelation: ask.delegateRelation } : {}),
    };
  }
  const guardian = roster.guardians.get(ask.guardianId);
  return {
    guardianId: ask.guardianId,
    name: guardian?.name ?? ask.guardianId,
    relation: relationOf(roster, ask.guardianId, ask.childId) ?? "",
    ...(guardian?.photo ? { photo: guardian.photo } : {}),
  };
}

const IN_CARE = new Set(["checked_in", "pickup_requested", "released"]);

/**
 * Rule 9: children still in care once their band's care has ended, and those collected after it
 * (closed, with the time). By the schedule and `now`, so it is right between two gate-clock ticks.
 */
export function lateChildren(roster: RosterIndex, state: DayState, now: Date): LateChildView[] {
  const late: LateChildView[] = [];
  for (const childId of state.children.keys()) {
    const entry = lateEntry(roster, state, childId, now);
    if (entry) late.push(entry);
  }
  return late.sort(compareLate);
}

function careHasEnded(roster: RosterIndex, state: DayState, childId: string, now: Date): boolean {
  const careEndsAt = careEndOf(roster, state, childId);
  return careEndsAt !== undefined && now.getTime() >= Date.parse(careEndsAt);
}

function careEndOf(roster: RosterIndex, state: DayState, childId: string): string | undefined {
  const child = roster.children.get(childId);
  if (!child) return undefined;
  const window = dismissalWindow(roster.schedule, roster.settings.timezone, state.day, child.grade);
  return state.gate.lateMarked.get(childId) ?? window?.careEndsAt;
}

/** One child's line on the late list, or undefined when the child is not late. */
function lateEntry(
  roster: RosterIndex,
  state: DayState,
  childId: string,
  now: Date,
): LateChildView | undefined {
  const day = state.children.get(childId);
  const careEndsAt = careEndOf(roster, state, childId);
  if (!day || !careEndsAt) return undefined;
  const endMs = Date.parse(careEndsAt);
  const open = IN_CARE.has(day.status) && now.getTime() >= endMs;
  const closed =
    day.status === "collected" && day.collectedAt !== undefined && Date.parse(day.collectedAt) >= endMs;
  if (!open && !closed) return undefined;
  const view = childView(roster, state, childId);
  if (!view) return undefined;
  const entry: LateChildView = {
    child: view,
    careEndsAt,
    contacts: (state.gate.contacts.get(childId) ?? []).map(contactView),
    guardians: contactTargets(roster, childId),
  };
  const reception = state.gate.reception.get(childId);
  if (reception) {
    entry.receptionRoom = reception.roomName;
    entry.receptionAt = reception.at;
  }
  if (closed && day.collectedAt) entry.collectedAt = day.collectedAt;
  return entry;
}

function contactView(event: ContactLogged): ContactView {
  return {
    id: event.id,
    at: event.at,
    calledName: event.calledName,
    reached: event.reached,
    note: event.note,
    byName: event.byName,
    ...(event.relation ? { relation: event.relation } : {}),
    ...(event.phone ? { phone: event.phone } : {}),
  };
}

function contactTargets(roster: RosterIndex, childId: string): ContactTarget[] {
  const targets: ContactTarget[] = [];
  for (const [guardianId, links] of roster.guardianshipsByGuardian) {
    const link = links.find((l) => l.childId === childId);
    const guardian = roster.guardians.get(guardianId);
    if (!link || !guardian) continue;
    targets.push({ guardianId, name: guardian.name, relation: link.relation, phone: guardian.phone });
  }
  return targets;
}

/** Rule 10: every exit through the gate and every re-entry today, oldest first. */
export function gateRegister(roster: RosterIndex, state: DayState): GateRegisterEntry[] {
  const entries: GateRegisterEntry[] = [];
  for (const record of state.gate.register) {
    const entry = registerEntry(roster, record);
    if (entry) entries.push(entry);
  }
  return entries;
}

function registerEntry(roster: RosterIndex, record: RegisterRecord): GateRegisterEntry | undefined {
  const child = roster.children.get(record.childId);
  if (!child) return undefined;
  const group = roster.groups.get(child.groupId);
  const entry: GateRegisterEntry = {
    id: record.id,
    kind: record.kind,
    at: record.at,
    childId: child.id,
    childName: child.name,
    grade: child.grade,
    className: child.className,
    groupName: group?.name ?? child.groupId,
    gateName: record.deviceId ? (roster.devices.get(record.deviceId)?.name ?? "") : "",
  };
  if (record.delegateName) {
    entry.adultName = record.delegateName;
    entry.adultRelation = DELEGATE_RELATION;
  } else if (record.guardianId) {
    entry.adultName = roster.guardians.get(record.guardianId)?.name ?? record.guardianId;
    entry.adultRelation = relationOf(roster, record.guardianId, child.id) ?? "";
  }
  if (record.via) entry.via = record.via;
  if (record.reason) entry.reason = record.reason;
  if (record.byName) entry.byName = record.byName;
  return entry;
}

/**
 * The board's rows of the given children only: what a guard screen needs after events that
 * touched them. Costs the touched children's rows (and a walk of the early asks and the register).
 */
export function gateBoardChange(
  roster: RosterIndex,
  state: DayState,
  childIds: ReadonlySet<string>,
  now: Date,
): GateBoardChange {
  const change: GateBoardChange = { early: [], late: [], lateGone: [], register: [] };
  for (const ask of state.gate.early.values()) {
    if (!childIds.has(ask.childId)) continue;
    const view = earlyAskView(roster, state, ask);
    if (view) change.early.push(view);
  }
  for (const childId of childIds) {
    const entry = lateEntry(roster, state, childId, now);
    if (entry) change.late.push(entry);
    // Only a child whose care has ended can have been on the late list the guard holds.
    else if (careHasEnded(roster, state, childId, now)) change.lateGone.push(childId);
  }
  for (const record of state.gate.register) {
    if (!childIds.has(record.childId)) continue;
    const entry = registerEntry(roster, record);
    if (entry) change.register.push(entry);
  }
  return change;
}

/** Whether a child is in care now (for screens deciding which late actions to offer). */
export function isInCare(state: DayState, childId: string): boolean {
  return IN_CARE.has(childDay(state, childId).status);
}
