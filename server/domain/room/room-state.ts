import type { ChildStatus } from "../../../protocol";
import type { ChildDay } from "../child-day";
import type { LeaveRecorded } from "../events";
import type {
  AbsenceResolved,
  GroupHandedOver,
  MedicationGiven,
  RollCallConfirmed,
  RoomEvent,
} from "./room-events";

/** The care room's part of the day state, folded from room events (see room-events.ts). */
export interface RoomDayState {
  /** groupId → the last roll call. */
  rollCalls: Map<string, RollCallConfirmed>;
  /** groupId → the last handover: who has the group now. */
  holders: Map<string, GroupHandedOver>;
  /** childId → why an absence is not unexplained. */
  resolvedAbsences: Map<string, AbsenceResolved>;
  /** doseKey(child, medication, time) → the dose given. */
  dosesGiven: Map<string, MedicationGiven>;
  /** Leave ids applied to this day, so a roster leave is journaled once per day. */
  leavesApplied: Set<string>;
  /** Leave ids cancelled on this day. */
  leavesCancelled: Set<string>;
}

export function emptyRoomDay(): RoomDayState {
  return {
    rollCalls: new Map(),
    holders: new Map(),
    resolvedAbsences: new Map(),
    dosesGiven: new Map(),
    leavesApplied: new Set(),
    leavesCancelled: new Set(),
  };
}

export function doseKey(childId: string, medicationId: string, time: string): string {
  return `${childId}|${medicationId}|${time}`;
}

/** What the reducer needs of the day state: the children's days and the room part. */
interface Folded {
  children: Map<string, ChildDay>;
  room: RoomDayState;
}

/** The leave fields of a child's day; called by the reducer for `leave:recorded`. */
export function noteLeaveRecorded(state: Folded, event: LeaveRecorded): void {
  if (event.leaveId) state.room.leavesApplied.add(event.leaveId);
}

/** Folds one room event in place, as applyEvent does for the rest. Pure: no clock, no I/O. */
export function applyRoomEvent(state: Folded, event: RoomEvent): void {
  const room = state.room;
  switch (event.type) {
    case "rollcall:confirmed":
      room.rollCalls.set(event.groupId, event);
      break;
    case "group:handedOver":
      room.holders.set(event.groupId, event);
      break;
    case "absence:resolved":
      room.resolvedAbsences.set(event.childId, event);
      break;
    case "medication:given":
      room.dosesGiven.set(doseKey(event.childId, event.medicationId, event.time), event);
      break;
    case "leave:cancelled": {
      room.leavesCancelled.add(event.leaveId);
      const day = state.children.get(event.childId);
      // Only the leave that put the child on leave is undone; a check-in since then stays.
      if (day?.status === "on_leave" && (day.leaveId === undefined || day.leaveId === event.leaveId)) {
        const { leaveReason: _r, leaveId: _l, ...rest } = day;
        state.children.set(event.childId, { ...rest, status: "expected" satisfies ChildStatus });
      }
      break;
    }
  }
}
