import type { Namespace, Server } from "socket.io";
import {
  DEVICE_NAMESPACE,
  type DeviceToServerEvents,
  SCREEN_NAMESPACE,
  type ScreenToServerEvents,
  type ServerToDeviceEvents,
  type ServerToScreenEvents,
} from "../../protocol";
import type { PresenceRecord } from "../devices/device-registry";
import type { User } from "../domain/entities";
import type { SharedEnrolment } from "../enrolment/enrolment-service";

export interface DeviceSocketData {
  deviceId: string;
}

export interface ScreenSocketData {
  user: User;
  /** The sha256 of the session cookie: the session is checked again on every command. */
  sessionHash: string;
}

type NoServerEvents = Record<string, never>;

/**
 * What the server nodes of one school tell each other (socket.io's serverSideEmit through the
 * PostgreSQL adapter), on the device namespace: see server/realtime/technician-peers.ts.
 */
export interface NodeToNodeEvents {
  "presence:heard": (record: PresenceRecord) => void;
  "enrolment:started": (enrolment: SharedEnrolment) => void;
  "enrolment:ended": (deviceId: string, socketId: string) => void;
  /** A device's agent came to a node that may have missed the start: the starter answers. */
  "enrolment:ask": (deviceId: string, answer: (held: SharedEnrolment | null) => void) => void;
}

export type DeviceNamespace = Namespace<
  DeviceToServerEvents,
  ServerToDeviceEvents,
  NodeToNodeEvents,
  DeviceSocketData
>;
export type ScreenNamespace = Namespace<
  ScreenToServerEvents,
  ServerToScreenEvents,
  NoServerEvents,
  ScreenSocketData
>;

// One Server carries two namespaces with different contracts; socket.io types a namespace by its
// server's parameters, so each is narrowed to its own contract here, in one place.
export function deviceNamespace(io: Server): DeviceNamespace {
  return io.of(DEVICE_NAMESPACE) as unknown as DeviceNamespace;
}

export function screenNamespace(io: Server): ScreenNamespace {
  return io.of(SCREEN_NAMESPACE) as unknown as ScreenNamespace;
}
