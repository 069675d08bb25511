import type pg from "pg";
import type { PhotoFiles } from "../../ports/photos";
import type { RosterReader, RosterWriter } from "../../ports/roster";
import type { PurgeDeps } from "../../privacy/purge";
import { currentActor } from "../change-actor";
import { recordPurge } from "./change-record";
import { daysToPseudonymiseOnDatabase, pseudonymiseDayOnDatabase } from "./journal-pseudonyms";

/**
 * What a retention purge (privacy/purge.ts, the same plan and rules as on a data folder) works on
 * for one school on a database: its storage, its events rows and its change record. Photos are
 * files on the node the purge runs on (docs/district.md: a folder every node shares).
 */
export function postgresPurgeDeps(
  pool: pg.Pool,
  schoolId: string,
  roster: RosterReader & RosterWriter,
  photos: PhotoFiles,
): PurgeDeps {
  return {
    roster,
    photos,
    journal: {
      daysBefore: (cutoff) => daysToPseudonymiseOnDatabase(pool, schoolId, cutoff),
      pseudonymiseDay: (day, purgeId, pseudonym) =>
        pseudonymiseDayOnDatabase(pool, schoolId, day, purgeId, pseudonym),
    },
    record: (note) => recordPurge(pool, schoolId, currentActor(), note),
    onlyOnce: (day, run) => purgeOnlyOnce(pool, schoolId, day, run),
  };
}

/**
 * Every node of a school runs the nightly schedule; one of them purges. A session advisory lock
 * on the school's purge, held by one connection for the run, and inside it the day of the last
 * purge as the table holds it now (a node's copy may not have heard of another's run yet).
 */
async function purgeOnlyOnce<T>(
  pool: pg.Pool,
  schoolId: string,
  day: string,
  run: () => Promise<T>,
): Promise<T | "skipped"> {
  const lock = `wanfeng purge ${schoolId}`;
  const client = await pool.connect();
  try {
    const taken = await client.query<{ got: boolean }>("SELECT pg_try_advisory_lock(hashtext($1)) AS got", [
      lock,
    ]);
    if (!taken.rows[0]?.got) return "skipped";
    try {
      const last = await client.query<{ day: string | null }>(
        "SELECT last_purge->>'day' AS day FROM school_settings WHERE school_id = $1",
        [schoolId],
      );
      if ((last.rows[0]?.day ?? "") >= day) return "skipped";
      return await run();
    } finally {
      await client.query("SELECT pg_advisory_unlock(hashtext($1))", [lock]);
    }
  } finally {
    client.release();
  }
}
