import type { AlertRaised } from "../events";
import type { RosterIndex } from "../roster-index";

/**
 * Whether the guard's screen shows an alert: not when a room reader raised it (an unknown card
 * tapped at a care room is the teacher's business, shown on that room's kiosk); the overview
 * still lists every alert.
 */
export function isGateAlert(
  roster: Pick<RosterIndex, "devices">,
  alert: Pick<AlertRaised, "deviceId">,
): boolean {
  return roster.devices.get(alert.deviceId)?.kind !== "room";
}
