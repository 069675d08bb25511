/** socket.io room names: a kiosk hears only its group, a guard screen only the gate. */
export const GATE_ROOM = "gate";

export function groupRoom(groupId: string): string {
  return `group:${groupId}`;
}

/** Technician screens: device presence and reader status. Console frames go to single sockets. */
export const TECHNICIAN_ROOM = "technician";

/** The sockets of one device's agent (it may briefly have two while it restarts). */
export function deviceRoom(deviceId: string): string {
  return `device:${deviceId}`;
}

/** Duty leaders' overview screens: every group's counts, alerts, the day's sign-off. */
export const OVERVIEW_ROOM = "overview";
