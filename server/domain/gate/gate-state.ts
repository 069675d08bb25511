import { type ChildDay, childDay } from "../child-day";
import type { DayEvent } from "../events";
import type { ContactLogged } from "./gate-events";

/**
 * The gate's part of the day state, folded from the journal like the rest (see day-state.ts):
 * early pickups waiting for the guard, late children, contacts and the gate register.
 */

export interface EarlyAsk {
  id: string;
  at: string;
  childId: string;
  guardianId: string;
  deviceId: string;
  passId?: string;
  delegateName?: string;
  delegateRelation?: string;
  status: "pending" | "registered" | "cancelled";
  reason?: string;
  decidedAt?: string;
  decidedByName?: string;
}

/** An exit through the gate or a re-entry, with the adult as the state knew them at that moment. */
export interface RegisterRecord {
  id: string;
  kind: "exit" | "reentry";
  at: string;
  childId: string;
  deviceId?: string;
  via?: "touch" | "card";
  guardianId?: string;
  delegateName?: string;
  reason?: string;
  byName?: string;
}

export interface GateDay {
  early: Map<string, EarlyAsk>;
  /** childId → the care end that passed while the child was still in care. */
  lateMarked: Map<string, string>;
  reception: Map<string, { at: string; roomName: string; byName: string }>;
  contacts: Map<string, ContactLogged[]>;
  register: RegisterRecord[];
}

export function emptyGateDay(): GateDay {
  return { early: new Map(), lateMarked: new Map(), reception: new Map(), contacts: new Map(), register: [] };
}

/** The pending early pickup of a child, if the guard has not decided it yet. */
export function pendingEarlyAsk(gate: GateDay, childId: string): EarlyAsk | undefined {
  for (const ask of gate.early.values()) if (ask.childId === childId && ask.status === "pending") return ask;
  return undefined;
}

/** The early pickup registered for the child's current request, if it was one. */
export function registeredEarlyAsk(gate: GateDay, childId: string): EarlyAsk | undefined {
  let found: EarlyAsk | undefined;
  for (const ask of gate.early.values())
    if (ask.childId === childId && ask.status === "registered") found = ask;
  return found;
}

/** What the gate's reducer needs of the day state: the children's days and the gate part. */
interface GateFolded {
  children: Map<string, ChildDay>;
  gate: GateDay;
}

/**
 * Folds a gate event in; called by applyEvent before its own switch, so at `child:collected` the
 * child's request (who came for them) is still what the register records. In place, like applyEvent.
 */
export function applyGateEvent(state: GateFolded, event: DayEvent): void {
  const gate = state.gate;
  switch (event.type) {
    case "pickup:earlyAsked":
      gate.early.set(event.id, {
        id: event.id,
        at: event.at,
        childId: event.childId,
        guardianId: event.guardianId,
        deviceId: event.deviceId,
        status: "pending",
        ...(event.passId ? { passId: event.passId } : {}),
        ...(event.delegateName ? { delegateName: event.delegateName } : {}),
        ...(event.delegateRelation ? { delegateRelation: event.delegateRelation } : {}),
      });
      break;
    case "pickup:earlyRegistered":
    case "pickup:earlyCancelled": {
      const ask = gate.early.get(event.askId);
      if (!ask) break;
      ask.status = event.type === "pickup:earlyRegistered" ? "registered" : "cancelled";
      if (event.type === "pickup:earlyRegistered") ask.reason = event.reason;
      ask.decidedAt = event.at;
      ask.decidedByName = event.byName;
      break;
    }
    case "child:markedLate":
      gate.lateMarked.set(event.childId, event.careEndsAt);
      break;
    case "child:movedToReception":
      gate.reception.set(event.childId, { at: event.at, roomName: event.roomName, byName: event.byName });
      break;
    case "contact:logged": {
      const list = gate.contacts.get(event.childId);
      if (list) list.push(event);
      else gate.contacts.set(event.childId, [event]);
      break;
    }
    case "child:collected": {
      const day = childDay(state, event.childId);
      gate.register.push({
        id: event.id,
        kind: "exit",
        at: event.at,
        childId: event.childId,
        via: event.via ?? "touch",
        ...definedOnly({
          deviceId: event.deviceId ?? day.requestDeviceId,
          guardianId: day.requestedByGuardianId,
          delegateName: day.requestDelegateName,
        }),
      });
      break;
    }
    case "child:reentered": {
      gate.register.push({
        id: event.id,
        kind: "reentry",
        at: event.at,
        childId: event.childId,
        reason: event.reason,
        byName: event.byName,
      });
      // Back in care: the next departure is a new request, release and collection.
      const { checkedInAt, leaveReason } = childDay(state, event.childId);
      state.children.set(event.childId, {
        status: "checked_in",
        ...definedOnly({ checkedInAt, leaveReason }),
      });
      break;
    }
  }
}

function definedOnly<T extends Record<string, string | undefined>>(
  values: T,
): Partial<Record<keyof T, string>> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as Partial<
    Record<keyof T, string>
  >;
}
