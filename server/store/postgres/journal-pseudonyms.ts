import type pg from "pg";
import { type Pseudonymiser, pseudonymiseValue } from "../../privacy/pseudonymise";
import type { DayToPseudonymise } from "../journal-pseudonyms";

/**
 * The PostgreSQL journal's side of a retention purge, as journal-pseudonyms.ts is the file
 * journal's: which old school-days still hold names, and replacing them in one day's rows. Each
 * row keeps its prev_hash and hash and is marked `pseudonymised_by` (the purge's change-record
 * entry), so the day's chain and the heads printed at sign-off still hold.
 */

/** School-days before `cutoff` with rows not yet pseudonymised, oldest first. */
export async function daysToPseudonymiseOnDatabase(
  db: pg.Pool,
  schoolId: string,
  cutoff: string,
): Promise<DayToPseudonymise[]> {
  const result = await db.query<DayToPseudonymise>(
    `SELECT day::text AS day, count(*)::int AS entries FROM events
     WHERE school_id = $1 AND day < $2::date AND pseudonymised_by IS NULL
     GROUP BY day ORDER BY day`,
    [schoolId, cutoff],
  );
  return result.rows;
}

/** Replaces the names in one school-day's rows not yet pseudonymised, in one transaction. */
export async function pseudonymiseDayOnDatabase(
  pool: pg.Pool,
  schoolId: string,
  day: string,
  purgeId: string,
  pseudonym: Pseudonymiser,
): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const rows = await client.query<{ seq: number; payload: object }>(
      `SELECT seq, payload FROM events
       WHERE school_id = $1 AND day = $2::date AND pseudonymised_by IS NULL ORDER BY seq FOR UPDATE`,
      [schoolId, day],
    );
    await client.query(
      `UPDATE events SET payload = r.payload, pseudonymised_by = $3
       FROM unnest($4::int[], $5::jsonb[]) AS r(seq, payload)
       WHERE events.school_id = $1 AND events.day = $2::date AND events.seq = r.seq`,
      [
        schoolId,
        day,
        purgeId,
        rows.rows.map((row) => row.seq),
        rows.rows.map((row) => JSON.stringify(pseudonymiseValue(row.payload, pseudonym))),
      ],
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
