import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import type { Logger } from "../../common/log";
import { isWanfengError } from "../../protocol";
import type { Pass } from "../../server/domain/entities";
import type { StoreChange } from "../../server/ports/changes";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../../server/store/postgres/storage";
import { usePostgresDatabases } from "../support/postgres-database";
import { captureLogger } from "./capture-log";

// What the storage contract cannot say about one instance: several processes ("nodes") on one
// database, and several schools on one database.

const freshDatabase = usePostgresDatabases();
const opened: { end(): Promise<void> }[] = [];
afterAll(async () => {
  // Storages before the pools they use.
  for (const thing of opened.reverse()) await thing.end();
});

async function database(): Promise<string> {
  const url = await freshDatabase();
  await migrateDatabase(url);
  return url;
}

/** A node: a pool of its own (like another server process) and the school's storage on it. */
async function node(url: string, schoolId: string, log?: Logger): Promise<PostgresStorage> {
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  opened.push(pool);
  const storage = await openPostgresStorage(pool, schoolId, log ? { log } : {});
  opened.push({ end: () => storage.close() });
  return storage;
}

async function schoolOn(url: string, name: string): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    return (await addSchool(pool, { name, timezone: "Asia/Shanghai" })).id;
  } finally {
    await pool.end();
  }
}

function record(store: PostgresStorage): StoreChange[] {
  const changes: StoreChange[] = [];
  store.onChange((change) => changes.push(change));
  return changes;
}

const user = (id: string, username: string) => ({
  id,
  username,
  displayName: username,
  role: "teacher" as const,
  passwordHash: "x",
  groupIds: [],
});

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (e: unknown) => (isWanfengError(e) ? [e.code, e.details?.field] : e),
  );
}

describe("PostgreSQL storage on several nodes", () => {
  it("a write on one node is announced as external on the other and readable there", async () => {
    const url = await database();
    const schoolId = await schoolOn(url, "一小");
    const a = await node(url, schoolId);
    const b = await node(url, schoolId);
    const heardOnA = record(a);
    const heardOnB = record(b);
    await a.saveRoom(undefined, "101");
    await expect.poll(() => b.schoolRoster().rooms.map((r) => r.name)).toEqual(["101"]);
    expect(heardOnB.map((c) => [[...c.kinds], c.external])).toEqual([[["roster"], true]]);
    expect(heardOnA.map((c) => [[...c.kinds], c.external])).toEqual([[["roster"], false]]);
  });

  it("a username taken on one node is refused on the other, even before it heard of it", async () => {
    const url = await database();
    const schoolId = await schoolOn(url, "一小");
    const a = await node(url, schoolId);
    const b = await node(url, schoolId);
    await a.addUser(user("u1", "Teacher1"));
    expect(await errorOf(b.addUser(user("u2", "TEACHER1")))).toEqual(["VALIDATION_FAILED", "username"]);
    expect(b.findUserByUsername("teacher1")?.id).toBe("u1");
  });

  it("functions run on current data: passes made on two nodes at once get distinct ids", async () => {
    const url = await database();
    const schoolId = await schoolOn(url, "一小");
    const a = await node(url, schoolId);
    const b = await node(url, schoolId);
    await a.saveRoom(undefined, "101");
    await a.saveGroup(undefined, { name: "A", roomId: "room-101", capacity: 5 });
    await a.mergeRoster((parts) => {
      parts.children.push({ id: "c1", name: "甲", grade: 1, className: "1班", groupId: "group-a" });
      parts.guardians.push({ id: "g1", name: "甲妈妈", phone: "13800000000" });
    });
    let keys = 0;
    const newKey = () => `${"k".repeat(42)}${++keys}`;
    const make = (existing: readonly Pass[]) => pass(`pass${existing.length}xyz`);
    await Promise.all([a.createPass(make, newKey), b.createPass(make, newKey), a.createPass(make, newKey)]);
    await expect.poll(() => a.passBook().passes.length).toBe(3);
    expect(
      a
        .passBook()
        .passes.map((p) => p.id)
        .sort(),
    ).toEqual(["pass0xyz", "pass1xyz", "pass2xyz"]);
    expect(keys).toBe(1);
    await expect.poll(() => b.passBook()).toEqual(a.passBook());
  });

  it("a lost notification connection reconnects and reloads what it missed", async () => {
    const url = await database();
    const schoolId = await schoolOn(url, "一小");
    const a = await node(url, schoolId);
    const captured = captureLogger();
    const b = await node(url, schoolId, captured.log);
    const heardOnB = record(b);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // Every node's listening connection goes; the write lands while B is not listening.
    await admin.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'wanfeng store listen' AND datname = current_database()",
    );
    await admin.end();
    await a.addUser(user("u1", "guard"));
    await expect.poll(() => b.findUser("u1")?.username).toBe("guard");
    expect(heardOnB.map((c) => [[...c.kinds], c.external])).toEqual([[["users"], true]]);
    expect(await captured.next((r) => r.msg === "store notifications lost; reconnecting")).toMatchObject({
      level: 40,
      channel: "wanfeng_store",
    });
    expect(await captured.next((r) => r.msg.startsWith("reloading the school"))).toMatchObject({ schoolId });
  });
});

describe("PostgreSQL storage writing", () => {
  it("writes only the rows that changed: a photo is one row", async () => {
    const url = await database();
    const schoolId = await schoolOn(url, "一小");
    const store = await node(url, schoolId);
    await store.saveRoom(undefined, "101");
    await store.saveGroup(undefined, { name: "A", roomId: "room-101", capacity: 30 });
    await store.mergeRoster((parts) => {
      for (const id of ["c1", "c2", "c3"])
        parts.children.push({ id, name: id, grade: 1, className: "1班", groupId: "group-a" });
    });
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // xmin is the transaction that last wrote a row: it moves only for rows written again.
    const writers = async () =>
      (await admin.query("SELECT id, xmin::text AS xmin FROM children ORDER BY id")).rows.map((r) => r.xmin);
    const before = await writers();
    await store.setPhoto("child", "c2", "/api/photos/child-c2.jpg");
    const after = await writers();
    await admin.end();
    expect([after[0] === before[0], after[1] === before[1], after[2] === before[2]]).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe("PostgreSQL storage with several schools on one database", () => {
  it("a process listens on one connection for all its schools", async () => {
    const url = await database();
    const pool = new pg.Pool({ connectionString: url, max: 3 });
    opened.push(pool);
    const one = await openPostgresStorage(pool, await schoolOn(url, "一小"));
    const two = await openPostgresStorage(pool, await schoolOn(url, "二小"));
    const listening = async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const found = await admin.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'wanfeng store listen' AND datname = current_database()",
      );
      await admin.end();
      return found.rows[0]?.n;
    };
    expect(await listening()).toBe(1);
    await one.close();
    expect(await listening()).toBe(1);
    await two.close();
    await expect.poll(listening).toBe(0);
  });

  it("a school sees only its own rows; usernames stay unique across schools", async () => {
    const url = await database();
    const one = await node(url, await schoolOn(url, "一小"));
    const two = await node(url, await schoolOn(url, "二小"));
    await one.saveRoom(undefined, "101");
    await one.addUser(user("u1", "wang"));
    await two.saveRoom(undefined, "101");
    expect(one.schoolRoster().rooms).toHaveLength(1);
    expect(two.schoolRoster().rooms).toHaveLength(1);
    expect(two.findUser("u1")).toBeUndefined();
    expect(await errorOf(two.addUser(user("u1", "WANG")))).toEqual(["VALIDATION_FAILED", "username"]);
    await two.addUser(user("u1", "li"));
    expect(two.schoolRoster().users.map((u) => u.username)).toEqual(["li"]);
    expect(one.schoolRoster().users.map((u) => u.username)).toEqual(["wang"]);
  });

  it("opening a school that does not exist is NOT_FOUND", async () => {
    const url = await database();
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    opened.push(pool);
    expect(await errorOf(openPostgresStorage(pool, "no-such-school"))).toEqual(["NOT_FOUND", undefined]);
  });
});

function pass(id: string): Pass {
  return {
    id,
    delegate: { name: "舅舅", relation: "舅舅", phone: "13900000000" },
    childIds: ["c1"],
    guardianId: "g1",
    validFrom: "2026-03-02",
    validTo: "2026-03-02",
    shortCode: "ABCDEFGH",
    createdAt: "2026-03-01T08:00:00Z",
    createdBy: "u1",
  };
}
