import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runAs } from "../../server/store/change-actor";
import { changeMonth } from "../../server/store/change-record";
import { chainedLine, GENESIS, verifyChain } from "../../server/store/journal-chain";
import { readChangeEntries } from "../../server/store/postgres/change-record";
import { importSchoolDocument } from "../../server/store/postgres/import-document";
import { auditPostgresChanges } from "../../server/store/postgres/journal-audit";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../../server/store/postgres/storage";
import { emptyDb } from "../../server/store/schema";
import { usePostgresDatabases } from "../support/postgres-database";

/** The change record on PostgreSQL: the file store's entries and chain (change-record.test.ts), as rows. */

const freshDatabase = usePostgresDatabases();
const opened: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const thing of opened.reverse()) await thing.end();
});

const admin = { by: "user:u-admin admin", action: "POST /api/admin/rooms" };
const office = { by: "cli:office", action: "wanfeng import" };

async function school(
  name = "晚风小学",
): Promise<{ pool: pg.Pool; schoolId: string; storage: PostgresStorage }> {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 3 });
  opened.push(pool);
  const schoolId = (await addSchool(pool, { name, timezone: "Asia/Shanghai" })).id;
  const storage = await openPostgresStorage(pool, schoolId);
  opened.push({ end: () => storage.close() });
  return { pool, schoolId, storage };
}

const user = (id: string, username: string) => ({
  id,
  username,
  displayName: username,
  role: "teacher" as const,
  passwordHash: "x",
  groupIds: [],
});

describe("the change record on PostgreSQL", () => {
  it("each change leaves a chained entry with who, when, what action and which kinds; logins none", async () => {
    const { pool, schoolId, storage } = await school();
    await runAs(admin, () => storage.saveRoom(undefined, "101教室"));
    await runAs(office, () => storage.saveRoom(undefined, "102教室"));
    // A write that changes nothing, and a login's session, record nothing.
    await storage.saveRoom(storage.schoolRoster().rooms[0]?.id, "101教室");
    await runAs(admin, () => storage.addUser(user("u1", "wang")));
    await storage.addSession(
      { tokenHash: "h1", userId: "u1", expiresAt: "2099-01-01T00:00:00Z" },
      new Date(),
    );

    const entries = await readChangeEntries(pool, schoolId);
    expect(entries.map((e) => [e.by, e.action, e.kinds])).toEqual([
      [admin.by, admin.action, ["roster"]],
      [office.by, office.action, ["roster"]],
      [admin.by, admin.action, ["users"]],
    ]);
    expect(entries[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const audits = await auditPostgresChanges(pool, schoolId);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      day: changeMonth(entries[0] ?? { at: "" }),
      lines: 3,
      file: "change_record",
    });
    expect(audits[0]?.broken).toBeUndefined();
  });

  it("chains exactly as a month file does: the same entries give the same head", async () => {
    const { pool, schoolId, storage } = await school();
    await runAs(admin, () => storage.saveRoom(undefined, "101教室"));
    await runAs(office, () => storage.saveRoom(undefined, "102教室"));
    let text = "";
    let head = GENESIS;
    for (const entry of await readChangeEntries(pool, schoolId)) {
      const line = chainedLine(head, entry);
      text += line.line;
      head = line.hash;
    }
    const [audit] = await auditPostgresChanges(pool, schoolId);
    expect(audit?.head).toBe(head);
    expect(verifyChain(text).head).toBe(head);
  });

  it("is written in the change's transaction: a write the database refuses records nothing", async () => {
    const { pool, schoolId, storage } = await school("一小");
    const otherId = (await addSchool(pool, { name: "二小", timezone: "Asia/Shanghai" })).id;
    const other = await openPostgresStorage(pool, otherId);
    opened.push({ end: () => other.close() });
    await other.addUser(user("u1", "wang"));
    // Usernames are unique across schools: only the table's index refuses this one.
    await expect(runAs(admin, () => storage.addUser(user("u2", "WANG")))).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await readChangeEntries(pool, schoolId)).toEqual([]);
    expect((await readChangeEntries(pool, otherId)).map((e) => e.kinds)).toEqual([["users"]]);
  });

  it("one changed byte in an entry is named by its seq and change id", async () => {
    const { pool, schoolId, storage } = await school();
    await runAs(admin, () => storage.saveRoom(undefined, "101教室"));
    await runAs(office, () => storage.saveRoom(undefined, "102教室"));
    const [, second] = await readChangeEntries(pool, schoolId);
    await pool.query(
      `UPDATE change_record SET entry = jsonb_set(entry, '{by}', '"cli:offize"') WHERE entry_id = $1`,
      [second?.id],
    );
    const [audit] = await auditPostgresChanges(pool, schoolId);
    expect(audit?.broken).toEqual({ line: 2, eventId: second?.id, reason: "hash_mismatch" });
  });

  it("a whole school written at once (db import, the demo school) is one entry", async () => {
    const { pool, schoolId } = await school();
    const db = emptyDb({ schoolName: "晚风小学", timezone: "Asia/Shanghai" });
    db.rooms.push({ id: "r1", name: "101" });
    await runAs({ by: "cli:office", action: "wanfeng db import" }, () =>
      importSchoolDocument(pool, schoolId, db),
    );
    const entries = await readChangeEntries(pool, schoolId);
    expect(entries.map((e) => [e.by, e.action, e.kinds])).toEqual([
      ["cli:office", "wanfeng db import", ["roster"]],
    ]);
  });
});
