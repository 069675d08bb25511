import { addDevice } from "../../server/auth/devices";
import { addUser } from "../../server/auth/users";
import { openDocumentStore } from "../../server/store/lowdb-store";
import type { BenchRoster } from "./roster";

export const BENCH_PASSWORD = "bench-password-晚风";

/** What the clients and the year's journals need to know about the prepared data folder. */
export interface PreparedSchool {
  password: string;
  admin: { username: string; userId: string };
  guard: { username: string; userId: string };
  /** One gate agent per --gates, with the token it logs in with. */
  gates: { deviceId: string; token: string }[];
  timezone: string;
}

/**
 * Writes the generated school into `dataDir` through the store API, before the server starts
 * (as `wanfeng import`, `user add` and `device add` would): the roster, an admin whose session
 * every kiosk shares, a guard whose session every guard screen shares, and the gate agents.
 */
export async function prepareSchool(
  dataDir: string,
  roster: BenchRoster,
  gates: number,
): Promise<PreparedSchool> {
  const store = await openDocumentStore(dataDir);
  await store.update((doc) => {
    Object.assign(doc, roster.db);
  });
  const admin = await addUser(store, {
    username: "admin",
    displayName: "管理员",
    role: "admin",
    password: BENCH_PASSWORD,
  });
  const guard = await addUser(store, {
    username: "guard",
    displayName: "保安",
    role: "guard",
    password: BENCH_PASSWORD,
  });
  const gateDevices: PreparedSchool["gates"] = [];
  for (let g = 0; g < gates; g++) {
    const { device, token } = await addDevice(store, { name: `${g + 1}号门 bench`, kind: "gate" });
    gateDevices.push({ deviceId: device.id, token });
  }
  return {
    password: BENCH_PASSWORD,
    admin: { username: admin.username, userId: admin.id },
    guard: { username: guard.username, userId: guard.id },
    gates: gateDevices,
    timezone: store.read().settings.timezone,
  };
}
