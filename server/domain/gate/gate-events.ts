import type { EventBase } from "../event-base";

/**
 * The gate's care-day events (SPEC rules 7, 9, 10), kept in the same journal as every other fact
 * of the day. Each names the child, so the publisher refreshes that child's tile as for any event.
 */

/** id, day, at and actor, as every day event has them. */
type Base = Pick<EventBase, "id" | "day" | "at" | "actor">;

/**
 * An authorised adult tapped before the child's dismissal window: no request went to the room;
 * the guard registers it (who, why, when) or cancels it. The adult is the card's or the pass's.
 */
export interface EarlyPickupAsked extends Base {
  type: "pickup:earlyAsked";
  childId: string;
  guardianId: string;
  deviceId: string;
  passId?: string;
  delegateName?: string;
  delegateRelation?: string;
}

/** The guard registered the early pickup with its reason; a `pickup:requested` follows it. */
export interface EarlyPickupRegistered extends Base {
  type: "pickup:earlyRegistered";
  childId: string;
  askId: string;
  reason: string;
  byName: string;
}

export interface EarlyPickupCancelled extends Base {
  type: "pickup:earlyCancelled";
  childId: string;
  askId: string;
  byName: string;
}

/** The child's care end passed while still in care (recorded by the gate clock, system actor). */
export interface ChildMarkedLate extends Base {
  type: "child:markedLate";
  childId: string;
  careEndsAt: string;
}

export interface ChildMovedToReception extends Base {
  type: "child:movedToReception";
  childId: string;
  roomName: string;
  byName: string;
}

/** One attempt to reach a guardian about a late child: whom, reached or not, and a note. */
export interface ContactLogged extends Base {
  type: "contact:logged";
  childId: string;
  guardianId?: string;
  calledName: string;
  relation?: string;
  phone?: string;
  reached: boolean;
  note: string;
  byName: string;
}

/** A collected child came back in through the gate: back in care, to be collected again. */
export interface ChildReentered extends Base {
  type: "child:reentered";
  childId: string;
  reason: string;
  byName: string;
}

export type GateEvent =
  | EarlyPickupAsked
  | EarlyPickupRegistered
  | EarlyPickupCancelled
  | ChildMarkedLate
  | ChildMovedToReception
  | ContactLogged
  | ChildReentered;
