import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { runAs } from "../../server/store/change-actor";
import { readChangeEntries } from "../../server/store/postgres/change-record";
import { importSchoolDocument } from "../../server/store/postgres/import-document";
import { openPostgresJournal } from "../../server/store/postgres/journal";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage } from "../../server/store/postgres/storage";
import { named, school } from "../privacy/purge-school";
import { checkIn } from "../store/events";
import { useTempDirs } from "../store/temp-dir";
import { runWanfeng } from "../support/cli-process";
import { usePostgresDatabases } from "../support/postgres-database";

/** `wanfeng audit verify` and `wanfeng purge` on a database, run as an operator runs them. */

const freshDatabase = usePostgresDatabases();
const tempDir = useTempDirs();
const PASSWORD = "Pw-s3cret-8899";
/** Each CLI run compiles through tsx: several seconds apiece on a loaded 2-core machine. */
const CLI_TIMEOUT = 120_000;
const pools: pg.Pool[] = [];
afterAll(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

const wanfeng = runWanfeng;
/** Two schools on one database; 晚风小学 has the purge tests' roster, a journal and a change. */
async function database() {
  const bare = await freshDatabase();
  const url = bare.replace("postgresql://postgres@", `postgresql://postgres:${PASSWORD}@`);
  await migrateDatabase(bare);
  const pool = new pg.Pool({ connectionString: bare, max: 3 });
  pools.push(pool);
  const ours = await addSchool(pool, { name: "晚风小学", timezone: "Asia/Shanghai" });
  await addSchool(pool, { name: "朝阳小学", timezone: "Asia/Shanghai" });
  await importSchoolDocument(pool, ours.id, school());
  const storage = await openPostgresStorage(pool, ours.id);
  await runAs({ by: "user:u-admin admin", action: "POST /api/admin/rooms" }, () =>
    storage.saveRoom(undefined, "102教室"),
  );
  await storage.close();
  const journal = await openPostgresJournal(pool, ours.id);
  await journal.append([checkIn("a"), checkIn("b"), checkIn("c")]);
  await journal.append([named("old1", "2021-03-04"), named("old2", "2021-03-04")]);
  await journal.close();
  return { url, pool, schoolId: ours.id };
}

describe("wanfeng audit verify --database", () => {
  it(
    "checks the events' and the change record's chains; one payload byte edited is named, exit 1",
    async () => {
      const { url, pool, schoolId } = await database();
      const clean = await wanfeng(["audit", "verify", "--database", url, "--school", "晚风小学"]);
      expect(clean.code).toBe(0);
      expect(clean.stdout).toContain("school 晚风小学 on postgresql://postgres:***@");
      expect(clean.stdout).toMatch(/2025-03-04 {2}OK {2}3 entries, head [0-9a-f]{64}/);
      expect(clean.stdout).toMatch(
        /changes to the roster and configuration:\n\d{4}-\d{2} {2}OK {2}2 entries/,
      );

      // One byte: child 20250101 becomes 20250102 in event b's payload.
      await pool.query(
        "UPDATE events SET payload = replace(payload::text, '20250101', '20250102')::jsonb WHERE event_id = 'b'",
      );
      const [change] = await readChangeEntries(pool, schoolId);
      await pool.query(
        "UPDATE change_record SET entry = jsonb_set(entry, '{by}', '\"cli:mallory\"') WHERE entry_id = $1",
        [change?.id],
      );
      const broken = await wanfeng(["audit", "verify", "--school", "晚风小学"], { DATABASE_URL: url });
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain("2025-03-04  BROKEN at events seq 2 (event b): hash_mismatch");
      expect(broken.stdout).toContain(`BROKEN at change_record seq 1 (change ${change?.id}): hash_mismatch`);
      expect(broken.stdout).toContain("2 chain(s) broken");

      const oneDay = await wanfeng([
        "audit",
        "verify",
        "--day",
        "2021-03-04",
        "--school",
        "晚风小学",
        "--database",
        url,
      ]);
      expect(oneDay.stdout).toMatch(/2021-03-04 {2}OK {2}2 entries/);
      expect(oneDay.stdout).not.toContain("2025-03-04");
      // Several schools and none named: the command says which there are, as every command does.
      const unnamed = await wanfeng(["audit", "verify", "--database", url]);
      expect(unnamed.code).toBe(1);
      expect(unnamed.stderr).toMatch(/several schools .*--school/);
      for (const run of [clean, broken, oneDay, unnamed])
        expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    },
    CLI_TIMEOUT,
  );
});

describe("wanfeng purge --database", () => {
  it(
    "--dry-run lists what is due and changes nothing; the purge records itself and every chain verifies",
    async () => {
      const { url, pool, schoolId } = await database();
      const photos = await tempDir();
      const dry = await wanfeng([
        "purge",
        "--dry-run",
        "--database",
        url,
        "--school",
        "晚风小学",
        "-d",
        photos,
      ]);
      expect(dry.code).toBe(0);
      // The real clock: the child withdrawn in January 2025 is long due, and 2021 is past any cut-off.
      expect(dry.stdout).toContain("child 20250101 张小明 (withdrawn from 2025-01-10): photo, health");
      expect(dry.stdout).toContain("journal 2021-03-04: names in 2 entries → pseudonyms");
      expect(dry.stdout).toContain("dry run: nothing was changed");
      const before = await pool.query("SELECT count(*)::int AS n FROM change_record WHERE school_id = $1", [
        schoolId,
      ]);
      expect(before.rows[0]?.n).toBe(2);

      const purged = await wanfeng(["purge", "--school", "晚风小学", "-d", photos], { DATABASE_URL: url });
      expect(purged.code).toBe(0);
      expect(purged.stdout).toMatch(/purged; recorded in the change record as [0-9a-f-]{36}/);
      const purge = (await readChangeEntries(pool, schoolId)).find((e) => e.purge);
      expect(purge).toMatchObject({ action: "wanfeng purge", purge: { journalDays: ["2021-03-04"] } });
      expect(purge?.by).toMatch(/^cli:/);

      const verified = await wanfeng(["audit", "verify", "--database", url, "--school", "晚风小学"]);
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(
        /2021-03-04 {2}OK {2}2 entries, .*\(names replaced by a recorded purge\)/,
      );
      for (const run of [dry, purged, verified]) expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    },
    CLI_TIMEOUT,
  );
});
