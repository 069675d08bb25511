import { join } from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { newPseudonymiser } from "../../server/privacy/pseudonymise";
import { describePlan, planPurge, runPurge } from "../../server/privacy/purge";
import { PurgeSchedule } from "../../server/privacy/purge-schedule";
import { runAs } from "../../server/store/change-actor";
import { photoFolder } from "../../server/store/photo-folder";
import { readChangeEntries } from "../../server/store/postgres/change-record";
import { importSchoolDocument } from "../../server/store/postgres/import-document";
import { openPostgresJournal } from "../../server/store/postgres/journal";
import {
  auditPostgresChanges,
  auditPostgresJournal,
  postgresPurgeIndex,
} from "../../server/store/postgres/journal-audit";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { postgresPurgeDeps } from "../../server/store/postgres/purge";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage } from "../../server/store/postgres/storage";
import { useTempDirs } from "../store/temp-dir";
import { usePostgresDatabases } from "../support/postgres-database";
import { named, school, TODAY } from "./purge-school";

/** The retention purge on a database: the file purge's tests (purge.test.ts) on the same school. */

const freshDatabase = usePostgresDatabases();
const tempDir = useTempDirs();
const opened: { end(): Promise<void> }[] = [];
afterAll(async () => {
  for (const thing of opened.reverse()) await thing.end();
});

async function schoolOnDatabase() {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  opened.push(pool);
  const schoolId = (await addSchool(pool, { name: "晚风小学", timezone: "Asia/Shanghai" })).id;
  await importSchoolDocument(pool, schoolId, school());
  const storage = await openPostgresStorage(pool, schoolId);
  opened.push({ end: () => storage.close() });
  const deps = postgresPurgeDeps(pool, schoolId, storage, photoFolder(join(await tempDir(), "photos")));
  for (const stem of ["child-20250101", "guardian-gd1", "child-20250103"]) {
    await deps.photos.savePhoto(stem, "jpg", Buffer.from([0xff, 0xd8, 0xff, 1]));
  }
  const journal = await openPostgresJournal(pool, schoolId);
  await journal.append([named("old1", "2021-03-04"), named("old2", "2021-03-04")]);
  await journal.append([named("new1", "2025-03-04")]);
  const oldHead = await journal.headHash("2021-03-04");
  await journal.close();
  return { pool, schoolId, storage, deps, oldHead };
}

async function payloads(pool: pg.Pool, day: string): Promise<string> {
  const rows = await pool.query<{ payload: object }>(
    "SELECT payload FROM events WHERE day = $1 ORDER BY seq",
    [day],
  );
  return JSON.stringify(rows.rows.map((r) => r.payload));
}

describe("retention purge on PostgreSQL", () => {
  it("the dry run lists what the file purge lists, and changes nothing", async () => {
    const { pool, deps } = await schoolOnDatabase();
    const plan = await planPurge(deps, TODAY);
    expect(describePlan(plan)).toEqual([
      "retention: photos and contact data 90 days after withdrawal; journals 3 years (names before 2022-06-02 become pseudonyms)",
      "child 20250101 张小明 (withdrawn from 2025-01-10): photo, health",
      "guardian gd1 张丽: phone, photo",
      "journal 2021-03-04: names in 2 entries → pseudonyms",
    ]);
    expect(await payloads(pool, "2021-03-04")).toContain("张小明");
  });

  it("the purge removes them, pseudonymises old days, records itself, and every chain still verifies", async () => {
    const { pool, schoolId, storage, deps, oldHead } = await schoolOnDatabase();
    const entry = await runAs({ by: "cli:office", action: "wanfeng purge" }, async () =>
      runPurge(deps, await planPurge(deps, TODAY), newPseudonymiser()),
    );
    const roster = storage.schoolRoster();
    expect(roster.children.find((c) => c.id === "20250101")).toEqual({
      id: "20250101",
      name: "张小明",
      grade: 1,
      className: "1班",
      groupId: "g1",
    });
    expect(roster.guardians.find((g) => g.id === "gd1")).toEqual({ id: "gd1", name: "张丽", phone: "" });
    expect(roster.guardians.find((g) => g.id === "gd2")?.phone).toBe("13900002222");
    expect(await deps.photos.readPhoto("child-20250101.jpg")).toBeUndefined();
    expect(await deps.photos.readPhoto("guardian-gd1.jpg")).toBeUndefined();
    expect(await deps.photos.readPhoto("child-20250103.jpg")).toBeDefined();

    const old = await payloads(pool, "2021-03-04");
    expect(old).not.toContain("张小明");
    expect(old).not.toContain("张丽");
    expect(old).toMatch(/"childName":"化名-[0-9a-f]{8}"/);
    expect(await payloads(pool, "2025-03-04")).toContain("张小明");

    const changes = await readChangeEntries(pool, schoolId);
    expect(changes.filter((c) => c.purge).map((c) => [c.id, c.by, c.purge])).toEqual([
      [entry?.id, "cli:office", { journalDays: ["2021-03-04"], children: ["20250101"], photoFiles: 2 }],
    ]);
    // The roster's own change (photos and contacts removed) is recorded after the purge's entry.
    expect(changes.at(-1)).toMatchObject({ by: "cli:office", action: "wanfeng purge", kinds: ["roster"] });

    const audits = await auditPostgresJournal(
      pool,
      schoolId,
      undefined,
      await postgresPurgeIndex(pool, schoolId),
    );
    expect(audits.map((a) => [a.day, a.broken])).toEqual([
      ["2021-03-04", undefined],
      ["2025-03-04", undefined],
    ]);
    expect(audits[0]?.pseudonymised).toEqual([{ purgeId: entry?.id, line: 1, eventId: "old1" }]);
    // The head printed at the sign-off still holds.
    expect(audits[0]?.head).toBe(oldHead);
    expect((await auditPostgresChanges(pool, schoolId)).map((a) => a.broken)).toEqual([undefined]);
    // Done once: nothing is due any more.
    expect(describePlan(await planPurge(deps, TODAY))).toContain("nothing is due");
  });

  it("a row marked pseudonymised without a recorded purge is a break", async () => {
    const { pool, schoolId, deps } = await schoolOnDatabase();
    await runPurge(deps, await planPurge(deps, TODAY), newPseudonymiser());
    await pool.query("UPDATE events SET pseudonymised_by = 'made-up' WHERE event_id = 'old2'");
    const [audit] = await auditPostgresJournal(
      pool,
      schoolId,
      "2021-03-04",
      await postgresPurgeIndex(pool, schoolId),
    );
    expect(audit?.broken).toEqual({ line: 2, eventId: "old2", reason: "pseudonym_unrecorded" });
  });

  it("a row quietly edited and marked pseudonymised is a break too", async () => {
    const { pool, schoolId } = await schoolOnDatabase();
    await pool.query(
      `UPDATE events SET payload = jsonb_set(payload, '{childId}', '"someone-else"'), pseudonymised_by = 'made-up'
       WHERE event_id = 'new1'`,
    );
    const [, audit] = await auditPostgresJournal(
      pool,
      schoolId,
      undefined,
      await postgresPurgeIndex(pool, schoolId),
    );
    expect(audit?.broken).toEqual({ line: 1, eventId: "new1", reason: "pseudonym_unrecorded" });
  });

  it("two nodes' nightly schedules on one school purge once", async () => {
    const { pool, schoolId, storage, deps } = await schoolOnDatabase();
    const other = await openPostgresStorage(pool, schoolId);
    opened.push({ end: () => other.close() });
    const otherDeps = postgresPurgeDeps(pool, schoolId, other, deps.photos);
    // 03:00 on TODAY in Shanghai: the purge is due on both nodes.
    const clock = () => new Date(`${TODAY}T03:00:00+08:00`);
    const nodes = [
      new PurgeSchedule({ purge: deps, store: storage, clock }),
      new PurgeSchedule({ purge: otherDeps, store: other, clock }),
    ];
    const checks = await Promise.all(nodes.map((node) => node.check()));
    expect(checks.sort()).toEqual(["done_today", "ran"]);
    const purges = (await readChangeEntries(pool, schoolId)).filter((e) => e.action === "scheduled purge");
    expect(purges.filter((e) => e.purge !== undefined)).toHaveLength(1);
    // Later checks on either node find the day done.
    expect(await nodes[1]?.check()).toBe("done_today");
  });
});
