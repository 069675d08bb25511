import type { TapResult } from "../../protocol";
import { type ChildDay, childDay } from "./child-day";
import type { AlertAcknowledged, AlertRaised, DayAmended, DayEvent, DaySignedOff } from "./events";
import { applyGateEvent, emptyGateDay, type GateDay } from "./gate/gate-state";
import { applyRoomEvent, emptyRoomDay, noteLeaveRecorded, type RoomDayState } from "./room/room-state";

export { type ChildDay, childDay, EXPECTED } from "./child-day";

export interface DayState {
  day: string;
  /** Only children something happened to; the others are "expected". */
  children: Map<string, ChildDay>;
  /** Tap id → what was decided, so a re-delivered tap gets the same answer and changes nothing. */
  taps: Map<string, TapResult>;
  /** `${deviceId}|${cardId}` → when that card last counted at that device (tap time, ms). */
  lastCountedTap: Map<string, number>;
  /** cardId → where and when (tap time) that card last counted at any device: the clone check. */
  lastCardTap: Map<string, { deviceId: string; tapAt: string }>;
  alerts: AlertRaised[];
  /** Alert id → its acknowledgement by the guard (the first one counts). */
  alertAcks: Map<string, AlertAcknowledged>;
  /** Delegate passes used, today or (seeded at day start) on an earlier day of their range. */
  passUses: Map<string, PassUse>;
  /** Roll calls, handovers, resolved absences, doses given (server/domain/room). */
  room: RoomDayState;
  /** Set once the duty leader signed the day off: the record is closed (rule 12). */
  signOff?: DaySignedOff;
  /** Corrections made after the sign-off, in order. */
  amendments: DayAmended[];
  /** Events recorded after the sign-off (taps, flagged `afterSignOff`). */
  afterSignOff: number;
  /** Care staff signed in now (考勤): userId → when. A staff card toggles on this. */
  staffOnDuty: Map<string, string>;
  /** The reader a staff member signed in at by card (userId → deviceId), while signed in. */
  staffSignInDevice: Map<string, string>;
  /** Early pickups, late children, contacts and the gate register (server/domain/gate). */
  gate: GateDay;
}

export interface PassUse {
  day: string;
  at: string;
  deviceId: string;
  tapAt?: string;
}

export function emptyDay(day: string): DayState {
  return {
    day,
    children: new Map(),
    taps: new Map(),
    lastCountedTap: new Map(),
    lastCardTap: new Map(),
    alerts: [],
    alertAcks: new Map(),
    passUses: new Map(),
    room: emptyRoomDay(),
    amendments: [],
    afterSignOff: 0,
    staffOnDuty: new Map(),
    staffSignInDevice: new Map(),
    gate: emptyGateDay(),
  };
}

export function debounceKey(deviceId: string, cardId: string): string {
  return `${deviceId}|${cardId}`;
}

/**
 * Folds one event into the state. The state is owned by one caller (the day service) and is
 * updated in place: copying every map per tap would make a long day quadratic. The function has
 * no I/O and reads no clock, so replaying a journal always gives the same state.
 */
export function applyEvent(state: DayState, event: DayEvent): DayState {
  const update = (childId: string, change: Partial<ChildDay>) => {
    state.children.set(childId, { ...childDay(state, childId), ...change });
  };
  // Events of other modules may not carry the flag at all.
  if ("afterSignOff" in event && event.afterSignOff) state.afterSignOff += 1;
  applyGateEvent(state, event);
  switch (event.type) {
    case "tap:received":
      state.taps.set(event.tapId, event.result);
      if (event.reading.kind === "card" && countsForDebounce(event.result)) {
        state.lastCountedTap.set(debounceKey(event.deviceId, event.reading.cardId), Date.parse(event.tapAt));
        state.lastCardTap.set(event.reading.cardId, { deviceId: event.deviceId, tapAt: event.tapAt });
      }
      break;
    case "child:checked_in":
      update(event.childId, { status: "checked_in", checkedInAt: event.at });
      break;
    case "pickup:requested":
      update(event.childId, {
        status: "pickup_requested",
        requestedAt: event.at,
        requestedByGuardianId: event.guardianId,
        requestDeviceId: event.deviceId,
        requestPassId: event.passId,
        requestDelegateName: event.delegateName,
        requestDelegateRelation: event.delegateRelation,
      });
      break;
    case "child:released":
      update(event.childId, { status: "released", releasedAt: event.at });
      break;
    case "child:collected":
      update(event.childId, { status: "collected", collectedAt: event.at });
      break;
    case "leave:recorded":
      update(event.childId, { status: "on_leave", leaveReason: event.reason, leaveId: event.leaveId });
      noteLeaveRecorded(state, event);
      break;
    case "rollcall:confirmed":
    case "group:handedOver":
    case "absence:resolved":
    case "medication:given":
    case "leave:cancelled":
      applyRoomEvent(state, event);
      break;
    case "alert:raised":
      state.alerts.push(event);
      break;
    case "alert:acknowledged":
      if (!state.alertAcks.has(event.alertId)) state.alertAcks.set(event.alertId, event);
      break;
    case "day:signedOff":
      state.signOff = event;
      break;
    case "day:amended":
      state.amendments.push(event);
      if (event.effect) {
        const { childId, ...change } = event.effect;
        update(childId, change);
      }
      break;
    case "staff:signedIn":
      state.staffOnDuty.set(event.userId, event.at);
      if (event.deviceId) state.staffSignInDevice.set(event.userId, event.deviceId);
      else state.staffSignInDevice.delete(event.userId);
      break;
    case "staff:signedOut":
      state.staffOnDuty.delete(event.userId);
      state.staffSignInDevice.delete(event.userId);
      break;
    case "pass:used":
      state.passUses.set(event.passId, {
        day: event.day,
        at: event.at,
        deviceId: event.deviceId,
        ...(event.tapAt ? { tapAt: event.tapAt } : {}),
      });
      break;
  }
  return state;
}

function countsForDebounce(result: TapResult): boolean {
  return result.kind !== "debounced" && result.kind !== "stale";
}

export function replay(day: string, events: readonly DayEvent[]): DayState {
  const state = emptyDay(day);
  for (const event of events) {
    if (event.day === day) applyEvent(state, event);
  }
  return state;
}
