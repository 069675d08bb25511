import pg from "pg";
import { afterAll, expect, it } from "vitest";
import { createMemoryStore, openDocumentStore } from "../../server/store/lowdb-store";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../../server/store/postgres/storage";
import { usePostgresDatabases } from "../support/postgres-database";
import { retentionContract } from "./retention-contract";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

retentionContract("document in memory", async () => createMemoryStore());
retentionContract("document file", async () => openDocumentStore(await tempDir()));

const freshDatabase = usePostgresDatabases();
const pools: pg.Pool[] = [];
const storages: PostgresStorage[] = [];
afterAll(async () => {
  for (const storage of storages) await storage.close();
  for (const pool of pools) await pool.end();
});

async function postgresSchool(): Promise<{ pool: pg.Pool; schoolId: string }> {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pools.push(pool);
  const school = await addSchool(pool, { name: "school", timezone: "Asia/Shanghai" });
  return { pool, schoolId: school.id };
}

async function opened(pool: pg.Pool, schoolId: string): Promise<PostgresStorage> {
  const storage = await openPostgresStorage(pool, schoolId);
  storages.push(storage);
  return storage;
}

retentionContract("postgres", async () => {
  const { pool, schoolId } = await postgresSchool();
  return opened(pool, schoolId);
});

it("postgres keeps the retention and the last purge in its tables: another node (or a restart) reads them", async () => {
  const { pool, schoolId } = await postgresSchool();
  const store = await opened(pool, schoolId);
  await store.setRetention({ withdrawnDataDays: 45, journalYears: 5 });
  await store.recordPurgeRun({ day: "2026-11-23", at: "2026-11-22T18:05:00.000Z", changeId: "purge-1" });
  const { settings } = (await opened(pool, schoolId)).schoolRoster();
  expect(settings.retention).toEqual({ withdrawnDataDays: 45, journalYears: 5 });
  expect(settings.lastPurge).toEqual({
    day: "2026-11-23",
    at: "2026-11-22T18:05:00.000Z",
    changeId: "purge-1",
  });
});
