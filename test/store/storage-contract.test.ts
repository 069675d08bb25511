import pg from "pg";
import { afterAll } from "vitest";
import { createMemoryStore, openDocumentStore } from "../../server/store/lowdb-store";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../../server/store/postgres/storage";
import { usePostgresDatabases } from "../support/postgres-database";
import { storageContract } from "./storage-contract";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

storageContract("document in memory", async () => createMemoryStore());
storageContract("document file", async () => openDocumentStore(await tempDir()));

const freshDatabase = usePostgresDatabases();
const pools: pg.Pool[] = [];
const storages: PostgresStorage[] = [];
afterAll(async () => {
  for (const storage of storages) await storage.close();
  for (const pool of pools) await pool.end();
});

/** Each case gets a database of its own: usernames are unique across a database's schools. */
storageContract("postgres", async () => {
  const url = await freshDatabase();
  await migrateDatabase(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pools.push(pool);
  const school = await addSchool(pool, { name: "school", timezone: "Asia/Shanghai" });
  const storage = await openPostgresStorage(pool, school.id);
  storages.push(storage);
  return storage;
});
