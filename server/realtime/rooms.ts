/** socket.io room names: a kiosk hears only its group, a guard screen only the gate. */
export const GATE_ROOM = "gate";

export function groupRoom(groupId: string): string {
  return `group:${groupId}`;
}
