import type pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { isJournalConflict } from "../../server/domain/events";
import { openPostgresJournal } from "../../server/store/postgres/journal";
import { auditPostgresJournal } from "../../server/store/postgres/journal-audit";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { openPool } from "../../server/store/postgres/pool";
import { addSchool } from "../../server/store/postgres/schools";
import { usePostgresDatabases } from "../support/postgres-database";
import { checkIn } from "./events";

/** What only the PostgreSQL journal does: several schools, other nodes, ids across days, tampering. */

const freshDatabase = usePostgresDatabases();
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

async function database() {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = openPool(url, "test");
  pools.push(pool);
  const school = await addSchool(pool, { name: "晚风小学", timezone: "Asia/Shanghai" });
  return { url, pool, school };
}

describe("PostgreSQL journal", () => {
  it("keeps each school's days apart", async () => {
    const { pool, school } = await database();
    const other = await addSchool(pool, { name: "朝阳小学", timezone: "Asia/Shanghai" });
    const ours = await openPostgresJournal(pool, school.id);
    const theirs = await openPostgresJournal(pool, other.id);
    await ours.append([checkIn("a")], { expectedSeq: 0 });
    // Seqs and ids are per school: the other school's first event is its own seq 1.
    await theirs.append([checkIn("b")], { expectedSeq: 0 });
    expect((await ours.readDay("2025-03-04")).map((e) => e.id)).toEqual(["a"]);
    expect((await theirs.readDay("2025-03-04")).map((e) => e.id)).toEqual(["b"]);
    expect(await theirs.days()).toEqual(["2025-03-04"]);
  });

  it("tells another node's journal of its school's appends (day and seq)", async () => {
    const { url, pool, school } = await database();
    const other = await addSchool(pool, { name: "朝阳小学", timezone: "Asia/Shanghai" });
    const nodeB = openPool(url, "node b");
    pools.push(nodeB);
    const a = await openPostgresJournal(pool, school.id);
    const b = await openPostgresJournal(nodeB, school.id);
    const heard: { day: string; seq: number }[] = [];
    b.onAppended((notice) => heard.push(notice));
    await b.listening();
    await (await openPostgresJournal(pool, other.id)).append([checkIn("x")]);
    await a.append([checkIn("a"), checkIn("b")], { expectedSeq: 0 });
    await expect.poll(() => heard).toEqual([{ day: "2025-03-04", seq: 2 }]);
    await b.close();
  });

  it("journals of several schools on one pool share one listening connection", async () => {
    const { pool, school } = await database();
    const other = await addSchool(pool, { name: "朝阳小学", timezone: "Asia/Shanghai" });
    const ours = await openPostgresJournal(pool, school.id);
    const theirs = await openPostgresJournal(pool, other.id);
    const heard: string[] = [];
    ours.onAppended(({ seq }) => heard.push(`ours ${seq}`));
    theirs.onAppended(({ seq }) => heard.push(`theirs ${seq}`));
    await Promise.all([ours.listening(), theirs.listening()]);
    const listeners = await pool.query(
      "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'wanfeng journal listener'",
    );
    expect(listeners.rows[0]?.n).toBe(1);
    await ours.append([checkIn("a")]);
    await expect.poll(() => heard).toEqual(["ours 1"]);
    await theirs.append([checkIn("b"), checkIn("c")]);
    await expect.poll(() => heard).toEqual(["ours 1", "theirs 2"]);
    await ours.close();
    await theirs.close();
  });

  it("refuses an event id recorded on another day, naming it", async () => {
    const { pool, school } = await database();
    const journal = await openPostgresJournal(pool, school.id);
    await journal.append([checkIn("tap-1", "2025-03-03")]);
    const err = await journal
      .append([checkIn("tap-1", "2025-03-04")], { expectedSeq: 0 })
      .catch((e: unknown) => e);
    expect(isJournalConflict(err) && err.recordedIds).toEqual(["tap-1"]);
    expect(await journal.readDay("2025-03-04")).toEqual([]);
  });

  it("keeps the hash chain in the rows: an edited, removed or reordered row is found", async () => {
    const { pool, school } = await database();
    const journal = await openPostgresJournal(pool, school.id);
    await journal.append([checkIn("a"), checkIn("b"), checkIn("c")]);
    const [clean] = await auditPostgresJournal(pool, school.id, "2025-03-04");
    expect(clean).toMatchObject({ day: "2025-03-04", lines: 3, head: await journal.headHash("2025-03-04") });
    expect(clean?.broken).toBeUndefined();

    await pool.query(
      `UPDATE events SET payload = jsonb_set(payload, '{childId}', '"someone-else"') WHERE event_id = 'b'`,
    );
    const [edited] = await auditPostgresJournal(pool, school.id);
    expect(edited?.broken).toEqual({ line: 2, eventId: "b", reason: "hash_mismatch" });

    await pool.query("DELETE FROM events WHERE event_id = 'b'");
    const [removed] = await auditPostgresJournal(pool, school.id);
    expect(removed?.broken).toMatchObject({ line: 3, eventId: "c", reason: "prev_mismatch" });
  });
});
