import { randomUUID } from "node:crypto";
import { io, type Socket } from "socket.io-client";
import { connected, disconnectAll } from "./clients";
import type { ScreenRole } from "./layout";
import {
  padded,
  RELAY_GATE_ROOM,
  type RelayClientToServer,
  type RelayServerToClient,
  relayGroupRoom,
} from "./relay-wire";
import type { GateSender, LoadTarget } from "./target";

type RelaySocket = Socket<RelayServerToClient, RelayClientToServer>;

/** The relay with the same screens, rooms and gate agents; its tap is as big as the server's. */
export class RelayTarget implements LoadTarget {
  readonly label = "relay";
  readonly #tapBytes: number;
  readonly #sockets: RelaySocket[] = [];

  constructor(tapBytes: number) {
    this.#tapBytes = tapBytes;
  }

  #client(endpoint: string, room?: string): RelaySocket {
    const socket: RelaySocket = io(endpoint, {
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      ...(room === undefined ? {} : { auth: { room } }),
    });
    this.#sockets.push(socket);
    return socket;
  }

  async openScreen(endpoint: string, role: ScreenRole, onEvent: (args: unknown[]) => void): Promise<void> {
    const room = role.kind === "kiosk" ? relayGroupRoom(role.groupId) : RELAY_GATE_ROOM;
    const socket = this.#client(endpoint, room);
    socket.onAny((_event: string, ...args: unknown[]) => onEvent(args));
    await connected(socket);
  }

  async openGate(endpoint: string): Promise<GateSender> {
    const socket = this.#client(endpoint);
    await connected(socket);
    return {
      send: (child, done) => {
        const tap = padded(
          { id: randomUUID(), childId: child.childId, groupId: child.groupId, pad: "" },
          this.#tapBytes,
        );
        socket.emit("tap", tap, (answer) => done("data" in answer));
      },
    };
  }

  async prepare(): Promise<void> {}

  tapBytes(): number {
    return this.#tapBytes;
  }

  close(): void {
    disconnectAll(this.#sockets);
  }
}
