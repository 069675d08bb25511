import pg from "pg";
import { addUser } from "../../server/auth/users";
import { importSchoolDocument } from "../../server/store/postgres/import-document";
import { migrateDatabase } from "../../server/store/postgres/migrate";
import { addSchool } from "../../server/store/postgres/schools";
import { anyTimeSchool } from "../support/any-time-schedule";
import { createTestSchool, PASSWORD, type TestSchool } from "../support/server-harness";

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

export interface SchoolOnDistrict extends TestSchool {
  id: string;
  name: string;
  /** Prefix of this school's usernames ("" for the first school, "b-" for the second). */
  user(name: string): string;
}

/**
 * Two schools on one database, alike as twins (the same ids, cards and groups: a route that mixed
 * them up would not be caught by ids alone) but told apart by names: the second school's
 * usernames start with "b-" (usernames are unique across a district), its groups and children
 * with 东. Each has a duty leader besides the harness's staff.
 */
export async function twoSchoolsOnDatabase(url: string): Promise<[SchoolOnDistrict, SchoolOnDistrict]> {
  await migrateDatabase(url);
  const make = async (name: string, prefix: string): Promise<SchoolOnDistrict> => {
    const school = await createTestSchool(anyTimeSchool());
    await addUser(school.store, {
      username: "leader",
      displayName: "值周",
      role: "leader",
      password: PASSWORD,
    });
    await school.store.update((doc) => {
      doc.settings.schoolName = name;
      for (const user of doc.users) user.username = `${prefix}${user.username}`;
      if (prefix === "") return;
      for (const group of doc.groups) group.name = `东${group.name}`;
      for (const child of doc.children) child.name = `东${child.name}`;
    });
    const pool = new pg.Pool({ connectionString: url });
    try {
      const row = await addSchool(pool, { name, timezone: "Asia/Shanghai" });
      await importSchoolDocument(pool, row.id, school.store.read());
      return { ...school, id: row.id, name, user: (username) => `${prefix}${username}` };
    } finally {
      await pool.end();
    }
  };
  return [await make("晚风小学", ""), await make("东风小学", "b-")];
}
