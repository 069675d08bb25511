import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { buildDemoSchool } from "../../demo/demo-school";
import { isWanfengError } from "../../protocol";
import type { StoreChange } from "../../server/ports/changes";
import { importSchoolDocument } from "../../server/store/postgres/import-document";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage } from "../../server/store/postgres/storage";
import { type Db, DbSchema } from "../../server/store/schema";
import { usePostgresDatabases } from "../support/postgres-database";

// `wanfeng db import` and the demo school write a whole school from the file backend's document.

const freshDatabase = usePostgresDatabases();
const closing: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closing.reverse()) await close();
});

async function schoolDatabase(): Promise<{ pool: pg.Pool; schoolId: string }> {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  closing.push(() => pool.end());
  const school = await addSchool(pool, { name: "一小", timezone: "Asia/Shanghai" });
  return { pool, schoolId: school.id };
}

/** Built once (its logins' password hashes take seconds); each case gets its own copy. */
let built: Promise<Db> | undefined;
async function fullDocument(): Promise<Db> {
  built ??= buildFullDocument();
  return structuredClone(await built);
}

/** The demo school with every part the document can hold filled in. */
async function buildFullDocument(): Promise<Db> {
  const { db } = await buildDemoSchool({ now: new Date("2026-03-02T07:00:00Z") });
  const child = db.children[0];
  const group = db.groups[0];
  const guardianship = db.guardianships.find((g) => g.childId === child?.id);
  if (!child || !group || !guardianship) throw new Error("demo school changed shape");
  Object.assign(child, {
    health: { allergies: ["花生"], diet: ["清真"], medications: [] },
    photo: "/api/photos/child-1.jpg",
    addedOn: "2026-03-01",
  });
  db.settings = { ...db.settings, releasedAlarmMinutes: 15, cloneWindowMs: 0, receptionRoomName: "传达室" };
  db.sessions.push({ tokenHash: "hash-1", userId: db.users[0]?.id ?? "", expiresAt: "2030-01-01T00:00:00Z" });
  db.passKey = "k".repeat(43);
  db.passes = [
    {
      id: "pass0001",
      delegate: { name: "舅舅", relation: "舅舅", phone: "13900000000" },
      childIds: [child.id],
      guardianId: guardianship.guardianId,
      validFrom: "2026-03-02",
      validTo: "2026-03-03",
      shortCode: "ABCDEFGH",
      createdAt: "2026-03-01T08:00:00Z",
      createdBy: "u1",
      revokedAt: "2026-03-01T09:00:00Z",
      revokedBy: "u1",
    },
  ];
  db.leaves = [
    {
      id: "l1",
      childId: child.id,
      from: "2026-03-02",
      to: "2026-03-04",
      askedBy: { name: "妈妈", relation: "妈妈" },
      channel: "phone",
      askedAt: "2026-03-01T08:00:00Z",
      reason: "看病",
      recordedAt: "2026-03-01T08:00:00Z",
      recordedBy: "u1",
      recordedByName: "王老师",
    },
  ];
  db.specialCare = [
    {
      id: "s1",
      childId: child.id,
      groupId: group.id,
      days: ["2026-03-05", "2026-03-06"],
      decidedBy: "班主任",
      reason: "家长出差",
      recordedBy: "u1",
      recordedAt: "2026-03-01T08:00:00Z",
    },
  ];
  db.duties = [
    ...(db.duties ?? []),
    {
      id: "dated",
      groupId: group.id,
      date: "2026-03-06",
      person: { kind: "volunteer", name: "李爸爸", phone: "13700000000" },
      from: "15:30",
      note: "教师例会",
    },
  ];
  const device = db.devices[0];
  if (device) device.readers = [{ readerId: "r1", profile: "generic/em4100", path: "/dev/ttyUSB0" }];
  return DbSchema.parse(db);
}

describe("importSchoolDocument", () => {
  it("writes a whole school that a storage reads back as it was", async () => {
    const { pool, schoolId } = await schoolDatabase();
    const document = await fullDocument();
    await importSchoolDocument(pool, schoolId, document);
    const storage = await openPostgresStorage(pool, schoolId);
    closing.push(() => storage.close());
    expect(storage.schoolRoster()).toEqual(document);
    expect(storage.passBook()).toEqual({ key: document.passKey, passes: document.passes });
    expect(storage.leaves()).toEqual(document.leaves);
    expect(storage.findSession("hash-1")?.userId).toBe(document.users[0]?.id);
  });

  it("a second import replaces the school, and an open storage hears it", async () => {
    const { pool, schoolId } = await schoolDatabase();
    const document = await fullDocument();
    await importSchoolDocument(pool, schoolId, document);
    const storage = await openPostgresStorage(pool, schoolId);
    closing.push(() => storage.close());
    const heard: StoreChange[] = [];
    storage.onChange((change) => heard.push(change));

    const smaller = structuredClone(document);
    const dropped = smaller.children.pop();
    smaller.guardianships = smaller.guardianships.filter((g) => g.childId !== dropped?.id);
    smaller.cards = smaller.cards.filter((c) => c.holder.id !== dropped?.id);
    smaller.enrolments = smaller.enrolments?.filter((e) => e.childId !== dropped?.id);
    await importSchoolDocument(pool, schoolId, smaller);
    await expect.poll(() => storage.schoolRoster().children.length).toBe(document.children.length - 1);
    expect(storage.schoolRoster()).toEqual(smaller);
    expect(heard.every((c) => c.external)).toBe(true);
    expect(heard.flatMap((c) => [...c.kinds])).toContain("roster");
  });

  it("refuses a document whose rows point at nothing, and keeps the school as it was", async () => {
    const { pool, schoolId } = await schoolDatabase();
    const document = await fullDocument();
    const broken = structuredClone(document);
    broken.guardianships.push({
      childId: "nobody",
      guardianId: broken.guardians[0]?.id ?? "",
      relation: "妈妈",
    });
    const err = await importSchoolDocument(pool, schoolId, broken).catch((e: unknown) => e);
    expect(isWanfengError(err) && err.code).toBe("NOT_FOUND");
    const storage = await openPostgresStorage(pool, schoolId);
    closing.push(() => storage.close());
    expect(storage.schoolRoster().children).toEqual([]);
  });
});
