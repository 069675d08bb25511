import type { ReaderConfig } from "../../protocol";
import type { Device, Session, User } from "../domain/entities";

/** Logins. Usernames are compared case-insensitively: "Teacher1" and "teacher1" are one login. */
export interface UserStore {
  findUserByUsername(username: string): User | undefined;
  findUser(userId: string): User | undefined;
  /** VALIDATION_FAILED (field username): the username is taken; (field groupIds): no such group. */
  addUser(user: User): Promise<void>;
}

/** Login sessions, kept by the sha256 of their cookie. */
export interface SessionStore {
  findSession(tokenHash: string): Session | undefined;
  /** Adds a session and drops those expired by `now`. NOT_FOUND: no such user. */
  addSession(session: Session, now: Date): Promise<void>;
  /** An unknown hash is ignored. */
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOfUser(userId: string): Promise<void>;
}

/** Gate agents and room readers. */
export interface DeviceStore {
  listDevices(): readonly Device[];
  /** VALIDATION_FAILED (field name): the name is taken, case-insensitively; (field groupId): no such group. */
  addDevice(device: Device): Promise<void>;
  /** The readers the technician chose for the device. NOT_FOUND: no such device. */
  setDeviceReaders(deviceId: string, readers: ReaderConfig[]): Promise<void>;
}
