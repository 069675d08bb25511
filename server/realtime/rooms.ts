/** socket.io room names: a kiosk hears only its group, a guard screen only the gate. */
export const GATE_ROOM = "gate";

export function groupRoom(groupId: string): string {
  return `group:${groupId}`;
}

/** Technician screens: device presence and reader status. Console frames go to `consoleRoom`s. */
export const TECHNICIAN_ROOM = "technician";

/** The sockets of one device's agent (it may briefly have two while it restarts). */
export function deviceRoom(deviceId: string): string {
  return `device:${deviceId}`;
}

/**
 * The technician consoles watching one reader, on any node: the agent's frames are emitted to it
 * (through the adapter), and the readers an agent must stream are read from the rooms' members.
 */
export function consoleRoom(deviceId: string, readerId: string): string {
  return `${deviceConsoleRoom(deviceId)}:${readerId}`;
}

/** Every console watching one of the device's readers (also in that reader's `consoleRoom`). */
export function deviceConsoleRoom(deviceId: string): string {
  return `console:${deviceId}`;
}

export function isConsoleRoom(room: string): boolean {
  return room.startsWith("console:");
}

/** Duty leaders' overview screens: every group's counts, alerts, the day's sign-off. */
export const OVERVIEW_ROOM = "overview";
