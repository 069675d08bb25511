import type { DayEvent, DayEventType } from "../../domain/events";

/**
 * What each kind of day event changes on the screens, in one table; the publisher turns it into
 * updates for each audience. A new event type does not compile until it has a line here.
 *
 * - tile: the child's tile (its group's kiosks; the gate while the child is at a gate stage) and
 *   the child's line and group counts on the overview;
 * - gate: the child's rows on the guard's board (early pickups, late list, gate register);
 * - leftGate: the child went back into care, so the gate drops it from its queue;
 * - room: the group's room view (roll call, holder, leaves, doses);
 * - pickup: the kiosk announces the adult at the gate, the gate queues the request;
 * - alert: the gate and the overview show it;
 * - alertAck: the gate and the overview fold the acknowledged alert away;
 * - roomTap: a word on the kiosk whose own reader was tapped;
 * - closing: the overview's sign-off and amendment lines.
 */
export type Touch =
  | "tile"
  | "gate"
  | "leftGate"
  | "room"
  | "pickup"
  | "alert"
  | "alertAck"
  | "roomTap"
  | "closing";

export const EVENT_TOUCHES: { readonly [T in DayEventType]: readonly Touch[] } = {
  "tap:received": ["roomTap"],
  "child:checked_in": ["tile"],
  "pickup:requested": ["tile", "gate", "pickup"],
  // Each child a pass named has its own pickup:requested.
  "pass:used": [],
  "child:released": ["tile", "gate"],
  "child:collected": ["tile", "gate"],
  "leave:recorded": ["tile", "room"],
  "leave:cancelled": ["tile", "room"],
  "absence:resolved": ["tile", "room"],
  "medication:given": ["tile", "room"],
  "rollcall:confirmed": ["room"],
  "group:handedOver": ["room"],
  "alert:raised": ["alert"],
  "alert:acknowledged": ["alertAck"],
  // A bound card changes the roster: the store announces that, and screens reload.
  "card:enrolled": [],
  // So does a custody change (guardian, card, not-authorised entry, confirmation): a roster write.
  "custody:changed": [],
  "day:signedOff": ["closing"],
  "day:amended": ["tile", "closing"],
  // Attendance is the office's report; a card tap's word comes with its tap:received.
  "staff:signedIn": [],
  "staff:signedOut": [],
  "pickup:earlyAsked": ["tile", "gate"],
  "pickup:earlyRegistered": ["tile", "gate"],
  "pickup:earlyCancelled": ["tile", "gate"],
  "child:markedLate": ["tile", "gate"],
  "child:movedToReception": ["tile", "gate"],
  "contact:logged": ["tile", "gate"],
  "child:reentered": ["tile", "gate", "leftGate"],
};

/** The child an event is about, if any (an amendment's is in its effect). */
export function childOf(event: DayEvent): string | undefined {
  if (event.type === "day:amended") return event.effect?.childId;
  const childId = (event as { childId?: unknown }).childId;
  return typeof childId === "string" ? childId : undefined;
}

/** The care group whose room view an event changes (its own group, or its child's). */
export function groupOf(event: DayEvent, groupOfChild: (childId: string) => string | undefined) {
  const groupId = (event as { groupId?: unknown }).groupId;
  if (typeof groupId === "string") return groupId;
  const childId = childOf(event);
  return childId ? groupOfChild(childId) : undefined;
}
