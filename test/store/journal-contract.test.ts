import type pg from "pg";
import { afterEach } from "vitest";
import type { EventJournal } from "../../server/domain/events";
import { openFileJournal } from "../../server/store/file-journal";
import { openPostgresJournal } from "../../server/store/postgres/journal";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { openPool } from "../../server/store/postgres/pool";
import { addSchool } from "../../server/store/postgres/schools";
import { usePostgresDatabases } from "../support/postgres-database";
import { journalContract } from "./journal-contract";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();
const freshDatabase = usePostgresDatabases();
const pools: pg.Pool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

journalContract("file journal", async () => {
  const dir = await tempDir();
  return { journal: await openFileJournal(dir), reopen: () => openFileJournal(dir) };
});

journalContract("PostgreSQL journal", async () => {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = openPool(url, "test");
  pools.push(pool);
  const school = await addSchool(pool, { name: "晚风小学", timezone: "Asia/Shanghai" });
  const journal: EventJournal = await openPostgresJournal(pool, school.id);
  return { journal, reopen: () => openPostgresJournal(pool, school.id) };
});
