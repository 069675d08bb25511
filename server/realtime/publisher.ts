import type { DayState } from "../domain/day-state";
import type { DayEvent } from "../domain/events";
import type { RosterIndex } from "../domain/roster-index";
import { alertView, childView, isAtGateStage } from "../domain/views";
import type { ScreenNamespace } from "./namespaces";
import { GATE_ROOM, groupRoom } from "./rooms";

/**
 * Turns durable day events into screen updates, each sent only to the rooms that need it:
 * a child's tile to its group's kiosks, the pickup stages to the gate, alerts to the gate.
 */
export function publishDayEvents(
  screens: ScreenNamespace,
  events: readonly DayEvent[],
  roster: RosterIndex,
  state: DayState,
): void {
  const changedChildren = new Set<string>();
  for (const event of events) {
    switch (event.type) {
      case "tap:received":
        noticeRoomTap(screens, event, roster);
        break;
      case "alert:raised":
        screens.to(GATE_ROOM).emit("alert:raised", alertView(roster, event));
        break;
      case "card:enrolled":
        // The roster changed: screens hear view:stale; the technician hears enrolment:done.
        break;
      case "day:signedOff":
        // Only overview screens show it (overview-part.ts).
        break;
      case "day:amended":
        // A correction after the sign-off changes one child's tile, like any other event.
        if (event.effect) changedChildren.add(event.effect.childId);
        break;
      case "staff:signedIn":
      case "staff:signedOut":
        // Attendance is the office's report; a card tap's toast comes with its tap:received.
        break;
      case "pass:used":
        // Each child it named has its own pickup:requested event.
        break;
      case "rollcall:confirmed":
      case "group:handedOver":
        // The room's kiosks get the whole room view in room:updated (realtime/room-commands.ts).
        break;
      default:
        changedChildren.add(event.childId);
    }
  }
  for (const childId of changedChildren) {
    const view = childView(roster, state, childId);
    if (!view) continue;
    screens.to(groupRoom(view.groupId)).emit("child:updated", view);
    if (isAtGateStage(view.status)) screens.to(GATE_ROOM).emit("child:updated", view);
  }
  for (const event of events) {
    if (event.type !== "pickup:requested") continue;
    const view = childView(roster, state, event.childId);
    if (view) screens.to([groupRoom(view.groupId), GATE_ROOM]).emit("pickup:requested", { child: view });
  }
}

/** A tap on a room's own reader that changed no tile still deserves a word on that kiosk. */
function noticeRoomTap(
  screens: ScreenNamespace,
  event: Extract<DayEvent, { type: "tap:received" }>,
  roster: RosterIndex,
): void {
  const device = roster.devices.get(event.deviceId);
  if (device?.kind !== "room" || !device.groupId) return;
  const { result } = event;
  if (result.kind === "debounced") return;
  if (result.kind === "check_in" && result.outcome === "checked_in") return;
  screens
    .to(groupRoom(device.groupId))
    .emit("tap:noticed", { at: event.at, deviceName: device.name, result });
}
