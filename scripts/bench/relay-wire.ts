/** The relay's own small socket.io contract, shared by the relay process and the bench's clients. */

export interface RelayTap {
  id: string;
  childId: string;
  groupId: string;
  /** Filler so the message is as big as the server's tap report. */
  pad: string;
}

export interface RelayClientToServer {
  tap: (
    tap: RelayTap,
    ack: (answer: { data: { tapId: string } } | { error: { message: string } }) => void,
  ) => void;
}

export interface RelayServerToClient {
  /** The server's first kiosk message of the run, with the tapped child's ids (relay-message.ts). */
  updates: (...args: unknown[]) => void;
}

export const RELAY_GATE_ROOM = "gate";

export function relayGroupRoom(groupId: string): string {
  return `group:${groupId}`;
}

/** Pads `base` with ASCII so its JSON is `bytes` long (or as it is, if already longer). */
export function padded<T extends { pad: string }>(base: T, bytes: number): T {
  const missing = bytes - Buffer.byteLength(JSON.stringify({ ...base, pad: "" }));
  return { ...base, pad: "x".repeat(Math.max(0, missing)) };
}
