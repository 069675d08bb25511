import { randomInt } from "node:crypto";
import type { Role } from "../protocol";
import { addDevice } from "../server/auth/devices";
import { addUser } from "../server/auth/users";
import { createMemoryStore } from "../server/store/lowdb-store";
import { type Db, emptyDb } from "../server/store/schema";
import { addDemoAdministration } from "./demo-admin";
import { addDemoCareRoom } from "./demo-care-room";
import { demoAfternoonStart } from "./demo-clock";
import { addDemoGate } from "./demo-gate";
import type { DemoDevice, DemoLogin } from "./demo-logins";
import { buildDemoPeople } from "./demo-people";
import { DEMO_SCHEDULE } from "./demo-schedule";

export {
  type DemoDevice,
  type DemoLogin,
  type DemoLogins,
  formatDemoBanner,
  readDemoLogins,
  writeDemoLogins,
} from "./demo-logins";

export interface DemoSchool {
  db: Db;
  logins: DemoLogin[];
  devices: DemoDevice[];
}

export interface DemoOptions {
  /** Source of randomness for the passwords, in [0, 1); default crypto-strong. */
  random?: () => number;
  /** The demo school's "now" for its records (devices, dates of paperwork, today's doses); default
   * the demo clock's start (demo/demo-clock.ts), so the records fit the afternoon it shows. */
  now?: Date;
  /** The real time the demo clock starts from; default now (tests choose a Sunday night). */
  realNow?: Date;
}

export const DEMO_SCHOOL_NAME = "晚风示范小学 (Demo)";

const GROUPS = [
  { groupId: "group-1", name: "一二年级托管班", roomId: "room-101", grades: [1, 2], size: 21 },
  { groupId: "group-2", name: "三四年级托管班", roomId: "room-203", grades: [3, 4], size: 21 },
] as const;

/** Letters and digits that cannot be misread when copied from a screen: no 0/O, 1/l/I. */
const PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";

function readablePassword(random: () => number): string {
  const groups = Array.from({ length: 3 }, () =>
    Array.from({ length: 4 }, () => PASSWORD_ALPHABET[Math.floor(random() * PASSWORD_ALPHABET.length)]).join(
      "",
    ),
  );
  return groups.join("-");
}

const cryptoRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;

/**
 * A complete, clearly labelled demo school (settings.demo = true) so every screen works on the
 * first start: two care groups in two rooms, 42 children with cards, guardians with cards (one of
 * them with two children in two groups, one with an old card reported lost), a login per role
 * and a gate and kiosk per group. Users and devices go through addUser/addDevice, so the demo
 * obeys the same rules as real data.
 */
export async function buildDemoSchool(options: DemoOptions = {}): Promise<DemoSchool> {
  const random = options.random ?? cryptoRandom;
  const db = emptyDb({ schoolName: DEMO_SCHOOL_NAME, demo: true });
  db.schedule = structuredClone(DEMO_SCHEDULE);
  db.rooms.push({ id: "room-101", name: "101教室" }, { id: "room-203", name: "203教室" });
  for (const group of GROUPS) {
    db.groups.push({ id: group.groupId, name: group.name, roomId: group.roomId, capacity: 30 });
  }
  const people = buildDemoPeople(GROUPS, 3);
  db.children.push(...people.children);
  db.guardians.push(...people.guardians);
  db.guardianships.push(...people.guardianships);
  db.cards.push(...people.cards);
  const now = options.now ?? demoAfternoonStart(db, options.realNow ?? new Date());
  // The first guardian lost an old card and got a new one: tapping the old one shows the red alert.
  const lostCard = "0011223344";
  db.cards.push({ id: lostCard, holder: { kind: "guardian", id: "guardian-1" }, status: "lost" });
  // A not-authorised adult with a card (custody): the red alert at the gate (demo/demo-gate.ts).
  addDemoGate(db);

  const store = createMemoryStore(db);
  const users: { username: string; displayName: string; role: Role; groupIds?: string[] }[] = [
    { username: "admin", displayName: "教导处 Admin", role: "admin" },
    { username: "teacher1", displayName: "王老师 (一二年级)", role: "teacher", groupIds: ["group-1"] },
    { username: "teacher2", displayName: "李老师 (三四年级)", role: "teacher", groupIds: ["group-2"] },
    { username: "guard", displayName: "门卫 张师傅", role: "guard" },
    { username: "tech", displayName: "信息技术 Technician", role: "technician" },
    // The duty leader (带班领导 / 值周): the overview, the day's sign-off and the archive.
    { username: "leader", displayName: "值周领导 周校长", role: "leader" },
  ];
  const logins: DemoLogin[] = [];
  for (const user of users) {
    const password = readablePassword(random);
    await addUser(store, { ...user, password });
    logins.push({ username: user.username, password, role: user.role, displayName: user.displayName });
  }

  // Enrolment records, one withdrawn child, the duty roster and a staff card (demo/demo-admin.ts).
  await store.update((doc) => addDemoAdministration(doc, now));

  const devices: DemoDevice[] = [];
  const deviceSpecs = [
    { name: "南门 South gate", kind: "gate" as const },
    { name: "101教室 终端 Kiosk", kind: "room" as const, groupId: "group-1" },
    { name: "203教室 终端 Kiosk", kind: "room" as const, groupId: "group-2" },
  ];
  for (const spec of deviceSpecs) {
    const { device, token } = await addDevice(store, spec, now);
    devices.push({
      deviceId: device.id,
      name: device.name,
      kind: device.kind,
      ...(spec.groupId ? { groupId: spec.groupId } : {}),
      token,
    });
  }
  // Health notes, a medication and a leave for tomorrow for the care-room kiosk.
  await store.update((doc) => addDemoCareRoom(doc, now));
  return { db: store.read(), logins, devices };
}
