import { WanfengError } from "../protocol";
import { migrateDatabase } from "../server/store/postgres/migrate";
import { openPool, redactedUrl } from "../server/store/postgres/pool";
import { addSchool, listSchools } from "../server/store/postgres/schools";
import { onDatabase } from "./database-backend";

export const DEFAULT_TIMEZONE = "Asia/Shanghai";

/** `wanfeng db migrate`: creates or updates the schema and says what it did. */
export async function runDbMigrateCommand(options: { database: string }): Promise<void> {
  const url = options.database;
  const applied = await onDatabase(url, () => migrateDatabase(url));
  if (applied.length === 0) {
    console.log(`The schema of ${redactedUrl(url)} is current.`);
    return;
  }
  console.log(`Applied to ${redactedUrl(url)}:`);
  for (const step of applied) console.log(`  ${step}`);
}

/** `wanfeng school add <name> [--timezone <tz>]`: prints the new school's id. */
export async function runSchoolAddCommand(
  name: string,
  options: { database: string; timezone?: string },
): Promise<void> {
  const timezone = checkedTimezone(options.timezone ?? DEFAULT_TIMEZONE);
  const schoolName = name.trim();
  if (schoolName === "")
    throw new WanfengError("VALIDATION_FAILED", "the school needs a name", { field: "name" });
  const url = options.database;
  const school = await onDatabase(url, async () => {
    await migrateDatabase(url);
    const pool = openPool(url, "school add");
    try {
      return await addSchool(pool, { name: schoolName, timezone });
    } finally {
      await pool.end();
    }
  });
  console.log(`School "${school.name}" (${school.timezone}) added. Its id:`);
  console.log(school.id);
}

/** `wanfeng school list`: id, time zone and name, one school a line. */
export async function runSchoolListCommand(options: { database: string }): Promise<void> {
  const url = options.database;
  const schools = await onDatabase(url, async () => {
    const pool = openPool(url, "school list");
    try {
      return await listSchools(pool);
    } finally {
      await pool.end();
    }
  });
  if (schools.length === 0) console.log("No school yet: wanfeng school add <name>");
  for (const school of schools) console.log(`${school.id}\t${school.timezone}\t${school.name}`);
}

/** An IANA zone Intl knows (Asia/Shanghai, Asia/Urumqi…), in its canonical spelling. */
export function checkedTimezone(zone: string): string {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone.trim() }).resolvedOptions().timeZone;
  } catch {
    throw new WanfengError("VALIDATION_FAILED", `not a time zone: ${zone} (e.g. Asia/Shanghai)`, {
      field: "timezone",
    });
  }
}
