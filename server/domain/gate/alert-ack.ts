import { type AlertAcknowledge, WanfengError } from "../../../protocol";
import type { DayState } from "../day-state";
import type { AlertAcknowledged } from "../events";

/**
 * The guard saw an alert and dealt with it. Pure: the alert itself is never edited; an
 * acknowledgement is an event of its own. A second acknowledgement of the same alert records
 * nothing (two guards tapping at once both see it done).
 */
export function decideAlertAck(
  state: DayState,
  command: AlertAcknowledge,
  user: { id: string; name: string },
  now: Date,
  newId: () => string,
): AlertAcknowledged[] {
  if (!state.alerts.some((a) => a.id === command.alertId)) {
    throw new WanfengError("NOT_FOUND", `no alert ${command.alertId} today`);
  }
  if (state.alertAcks.has(command.alertId)) return [];
  return [
    {
      type: "alert:acknowledged",
      id: newId(),
      day: state.day,
      at: now.toISOString(),
      actor: { kind: "user", id: user.id },
      alertId: command.alertId,
      byUserId: user.id,
      byName: user.name,
      ...(command.note ? { note: command.note } : {}),
    },
  ];
}
