import type { LeaveChannel, RoomCountsView } from "../../../protocol/room";
import type { EventBase } from "../event-base";

/**
 * The care room's events (roll call, leave cancelled, absence resolved, handover, medication),
 * kept in the same journal as every other fact of the day. `leave:recorded` itself is in
 * events.ts (it existed before); its new fields are described there.
 */

export interface RollCallConfirmed extends EventBase {
  type: "rollcall:confirmed";
  groupId: string;
  byName: string;
  counted: number;
  counts: RoomCountsView;
  mismatch: boolean;
  /** Who was unexplained at that moment, so the record says whom the count missed. */
  unexplainedChildIds: string[];
}

export interface LeaveCancelled extends EventBase {
  type: "leave:cancelled";
  childId: string;
  leaveId: string;
  reason: string;
}

export interface AbsenceResolved extends EventBase {
  type: "absence:resolved";
  childId: string;
  reason: string;
}

export interface HandoverLeave {
  childId: string;
  childName: string;
  reason: string;
  askedBy?: string;
  channel?: LeaveChannel;
}

export interface GroupHandedOver extends EventBase {
  type: "group:handedOver";
  groupId: string;
  from: { userId: string; name: string };
  to: { kind: "staff"; userId: string; name: string } | { kind: "volunteer"; name: string; phone?: string };
  counted: number;
  counts: RoomCountsView;
  mismatch: boolean;
  leaves: HandoverLeave[];
  unexplainedChildIds: string[];
}

export interface MedicationGiven extends EventBase {
  type: "medication:given";
  childId: string;
  medicationId: string;
  medicationName: string;
  dose: string;
  /** The due time on the school's clock ("14:30"): one event per dose. */
  time: string;
  byName: string;
}

export type RoomEvent =
  | RollCallConfirmed
  | LeaveCancelled
  | AbsenceResolved
  | GroupHandedOver
  | MedicationGiven;
