import pg from "pg";
import { importSchoolDocument } from "../../server/store/postgres/import-document";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { anyTimeSchool } from "../support/any-time-schedule";
import { createTestSchool, type TestSchool } from "../support/server-harness";

/**
 * The other server tests' school (users, devices and their tokens), moved into a fresh, migrated
 * database as `db import` does: what the district tests start their nodes on.
 */
export async function schoolOnDatabase(url: string): Promise<TestSchool> {
  await migrateDatabase(url);
  const school = await createTestSchool(anyTimeSchool());
  const pool = new pg.Pool({ connectionString: url });
  try {
    const row = await addSchool(pool, { name: "晚风小学", timezone: "Asia/Shanghai" });
    await importSchoolDocument(pool, row.id, school.store.read());
  } finally {
    await pool.end();
  }
  return school;
}
