import type pg from "pg";
import { checkPurges, type DayAudit, indexPurges, type PurgeIndex } from "../journal-audit";
import { type StoredChainRow, verifyChainRows } from "./chain-rows";
import { readChangeEntries, readChangeRows } from "./change-record";

/**
 * The hash chain checks of `wanfeng audit verify --database`: each events row and each change
 * record row holds its entry and its link (prev_hash, hash), so a day's rows (or a month's) are
 * checked exactly as the lines of a file are (chain-rows.ts); a break names the row's seq.
 */

export type PostgresDayAudit = DayAudit;

/**
 * Every school-day's events (or one day's). With `purges` (postgresPurgeIndex), a row marked
 * pseudonymised by a purge the change record does not hold for that day is a break.
 */
export async function auditPostgresJournal(
  db: pg.Pool | pg.Client,
  schoolId: string,
  day?: string,
  purges?: PurgeIndex,
): Promise<PostgresDayAudit[]> {
  const result = await db.query<StoredChainRow & { day: string }>(
    `SELECT day::text AS day, seq, payload AS entry, prev_hash, hash, pseudonymised_by FROM events
     WHERE school_id = $1 AND ($2::date IS NULL OR day = $2::date) ORDER BY day, seq`,
    [schoolId, day ?? null],
  );
  const byDay = new Map<string, StoredChainRow[]>();
  for (const { day: d, ...row } of result.rows) {
    const rows = byDay.get(d) ?? [];
    rows.push(row);
    byDay.set(d, rows);
  }
  return [...byDay].map(([d, rows]) => ({
    day: d,
    file: "events",
    unit: "seq" as const,
    ...checkPurges(verifyChainRows(rows), d, purges),
  }));
}

/** The change record's chains, one per month (`day` is the month). */
export async function auditPostgresChanges(db: pg.Pool | pg.Client, schoolId: string): Promise<DayAudit[]> {
  return (await readChangeRows(db, schoolId)).map(({ month, rows }) => ({
    day: month,
    file: "change_record",
    unit: "seq" as const,
    ...verifyChainRows(rows),
  }));
}

/** Which days each purge recorded in the school's change record pseudonymised. */
export async function postgresPurgeIndex(db: pg.Pool | pg.Client, schoolId: string): Promise<PurgeIndex> {
  return indexPurges(await readChangeEntries(db, schoolId));
}
