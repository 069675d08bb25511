import pg from "pg";
import { afterAll } from "vitest";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { openPostgresStorage, type PostgresStorage } from "../../server/store/postgres/storage";
import { usePostgresDatabases } from "../support/postgres-database";

export interface PostgresSchool {
  pool: pg.Pool;
  schoolId: string;
  storage: PostgresStorage;
}

/**
 * The storage contracts' PostgreSQL: each call a school in a database of its own (usernames are
 * unique across a database's schools), and `another` a second storage of that school, as a
 * second node (or a restart) opens it. Everything is closed after the file's tests.
 */
export function usePostgresStorages(): {
  fresh(): Promise<PostgresSchool>;
  another(school: PostgresSchool): Promise<PostgresStorage>;
} {
  const freshDatabase = usePostgresDatabases();
  const pools: pg.Pool[] = [];
  const storages: PostgresStorage[] = [];
  afterAll(async () => {
    for (const storage of storages) await storage.close();
    for (const pool of pools) await pool.end();
  });
  const open = async (pool: pg.Pool, schoolId: string) => {
    const storage = await openPostgresStorage(pool, schoolId);
    storages.push(storage);
    return storage;
  };
  return {
    async fresh() {
      const url = await freshDatabase();
      await migrateDatabase(url);
      const pool = new pg.Pool({ connectionString: url, max: 4 });
      pools.push(pool);
      const { id } = await addSchool(pool, { name: "school", timezone: "Asia/Shanghai" });
      return { pool, schoolId: id, storage: await open(pool, id) };
    },
    another: (school) => open(school.pool, school.schoolId),
  };
}
