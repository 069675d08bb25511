import { join } from "node:path";
import { isWanfengError, WanfengError } from "../protocol";
import type { DayEvent } from "../server/domain/events";
import { openFileJournal } from "../server/store/file-journal";
import { openDocumentStore } from "../server/store/lowdb-store";
import { importSchoolDocument } from "../server/store/postgres/import-document";
import { openPostgresJournal } from "../server/store/postgres/journal";
import { migrateDatabase } from "../server/store/postgres/migrate";
import { openPool, redactedUrl } from "../server/store/postgres/pool";
import { addSchool, resolveSchool, type SchoolRow } from "../server/store/postgres/schools";
import { onDatabase } from "./database-backend";

/** Events appended per transaction: a day of a large school is ~20,000. */
const CHUNK = 500;

/**
 * `wanfeng db import --from <data-dir> --school <name>`: moves an embedded school (its document
 * and every day's journal) into PostgreSQL. The school is created with that name when the
 * database does not have it; a school that already has a journal is refused, so nothing is
 * imported twice. Photos and TLS files stay in the folder (docs/district.md).
 */
export async function runDbImportCommand(options: { database: string; from: string; school: string }) {
  const url = options.database;
  const document = await openDocumentStore(options.from);
  const db = document.read();
  const files = await openFileJournal(join(options.from, "journal"));
  const summary = await onDatabase(url, async () => {
    await migrateDatabase(url);
    const pool = openPool(url, "db import");
    try {
      const school = await schoolFor(pool, options.school, db.settings.timezone);
      const journal = await openPostgresJournal(pool, school.id);
      try {
        if ((await journal.days?.())?.length)
          throw new WanfengError(
            "VALIDATION_FAILED",
            `school "${school.name}" already has a journal on this database: nothing imported`,
            { field: "school" },
          );
        await importSchoolDocument(pool, school.id, db);
        const seen = new Set<string>();
        let events = 0;
        let renamed = 0;
        const days = (await files.days?.()) ?? [];
        for (const day of days) {
          const moved = (await files.readDay(day)).map((event) => {
            // A tap whose acknowledgement was lost before midnight and re-sent after it is in the
            // file journal on both days (the second time as stale); ids are unique per school.
            if (!seen.has(event.id)) return event;
            renamed++;
            return { ...event, id: `${event.id}@${day}` } as DayEvent;
          });
          for (const event of moved) seen.add(event.id);
          for (let at = 0; at < moved.length; at += CHUNK) {
            await journal.append(moved.slice(at, at + CHUNK), { expectedSeq: at });
          }
          events += moved.length;
        }
        return { school, days: days.length, events, renamed };
      } finally {
        await journal.close();
      }
    } finally {
      await pool.end();
    }
  });
  await files.close();
  console.log(
    `Imported "${summary.school.name}" (${summary.school.id}) into ${redactedUrl(url)}: ` +
      `${db.children.length} children, ${summary.days} days, ${summary.events} events.`,
  );
  if (summary.renamed > 0)
    console.log(`${summary.renamed} tap(s) recorded on two days kept on the later day as <id>@<day>.`);
}

/** The school of that name or id (resolveSchool's rule), created when the database lacks it. */
async function schoolFor(
  pool: Parameters<typeof resolveSchool>[0],
  name: string,
  timezone: string,
): Promise<SchoolRow> {
  try {
    return await resolveSchool(pool, name);
  } catch (err) {
    if (isWanfengError(err) && err.code === "NOT_FOUND")
      return addSchool(pool, { name: name.trim(), timezone });
    throw err;
  }
}
