import { isCalendarDay, WanfengError } from "../protocol";
import type { DayAudit } from "../server/store/journal-audit";
import {
  auditPostgresChanges,
  auditPostgresJournal,
  postgresPurgeIndex,
} from "../server/store/postgres/journal-audit";
import { redactedUrl } from "../server/store/postgres/pool";
import { onDatabase, openSchoolOnDatabase } from "./database-backend";

/** What `audit verify --database` checked: one school's events and change record. */
export interface DatabaseAudit {
  /** The school and the database, without the URL's password. */
  where: string;
  journal: DayAudit[];
  changes: DayAudit[];
}

/** Reads only: a database whose schema is missing gets the command that makes it. */
export async function auditDatabase(
  url: string,
  school: string | undefined,
  day: string | undefined,
): Promise<DatabaseAudit> {
  if (day !== undefined && !isCalendarDay(day))
    throw new WanfengError("VALIDATION_FAILED", `--day must be YYYY-MM-DD, got ${day}`, { field: "day" });
  return onDatabase(url, async () => {
    const opened = await openSchoolOnDatabase(url, school, "audit verify", { writes: false });
    const { pool } = opened;
    try {
      const purges = await postgresPurgeIndex(pool, opened.school.id);
      return {
        where: `${opened.school.name} on ${redactedUrl(url)}`,
        journal: await auditPostgresJournal(pool, opened.school.id, day, purges),
        changes: await auditPostgresChanges(pool, opened.school.id),
      };
    } finally {
      await pool.end();
    }
  });
}
