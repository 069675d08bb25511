import { WanfengError } from "../../../protocol";
import type { User } from "../../domain/entities";
import type { DeviceStore, SessionStore, UserStore } from "../../ports/access";
import type { Db, DocumentStore } from "../schema";

/** Users, sessions and devices on the document. */
export function documentAccess(store: DocumentStore): UserStore & SessionStore & DeviceStore {
  return {
    findUserByUsername: (username) => userByUsername(store.read(), username),
    findUser: (userId) => store.read().users.find((u) => u.id === userId),
    addUser: (user) =>
      store.update((db) => {
        // Checked inside the update, where no other change can slip in between check and insert.
        if (userByUsername(db, user.username) !== undefined)
          invalid("username", `username ${user.username} is taken`);
        const missing = user.groupIds.filter((groupId) => !db.groups.some((group) => group.id === groupId));
        if (missing.length > 0) invalid("groupIds", `no such care group: ${missing.join(", ")}`);
        db.users.push(user);
      }),

    findSession: (tokenHash) => store.read().sessions.find((s) => s.tokenHash === tokenHash),
    addSession: (session, now) =>
      store.update((db) => {
        if (!db.users.some((user) => user.id === session.userId)) {
          throw new WanfengError("NOT_FOUND", `no user ${session.userId}`);
        }
        // Pruning here keeps the document from growing without a separate clean-up job.
        db.sessions = db.sessions.filter((s) => Date.parse(s.expiresAt) > now.getTime());
        db.sessions.push(session);
      }),
    async deleteSession(tokenHash) {
      if (!store.read().sessions.some((s) => s.tokenHash === tokenHash)) return;
      await store.update((db) => {
        db.sessions = db.sessions.filter((s) => s.tokenHash !== tokenHash);
      });
    },
    deleteSessionsOfUser: (userId) =>
      store.update((db) => {
        db.sessions = db.sessions.filter((s) => s.userId !== userId);
      }),

    listDevices: () => store.read().devices,
    addDevice: (device) =>
      store.update((db) => {
        const lower = device.name.toLowerCase();
        if (db.devices.some((d) => d.name.toLowerCase() === lower))
          invalid("name", `a device named ${device.name} exists`);
        if (device.groupId !== undefined && !db.groups.some((g) => g.id === device.groupId)) {
          invalid("groupId", `no such care group: ${device.groupId}`);
        }
        db.devices.push(device);
      }),
    setDeviceReaders: (deviceId, readers) =>
      store.update((db) => {
        const device = db.devices.find((d) => d.id === deviceId);
        if (!device) throw new WanfengError("NOT_FOUND", `no device ${deviceId}`);
        device.readers = readers;
      }),
  };
}

/** Usernames are compared case-insensitively: "Teacher1" and "teacher1" are one login. */
function userByUsername(db: Db, username: string): User | undefined {
  const wanted = username.trim().toLowerCase();
  return db.users.find((user) => user.username.toLowerCase() === wanted);
}

function invalid(field: string, message: string): never {
  throw new WanfengError("VALIDATION_FAILED", message, { field });
}
