import type pg from "pg";
import type { ChangeActor } from "../change-actor";
import {
  type ChangeEntry,
  changeMonth,
  newChangeEntry,
  type PurgeNote,
  recordedKinds,
} from "../change-record";
import type { Db } from "../schema";
import { type ChainHead, EMPTY_CHAIN, linkAfter, type StoredChainRow } from "./chain-rows";
import { lockSchool } from "./versions";

/**
 * The change record of roster and configuration changes on PostgreSQL (table `change_record`,
 * migrations/0005_change_record.sql): the same entries as the file store's `changes/` files
 * (change-record.ts), chained the same way, one chain per school and month. Unlike a file, an
 * entry is written in the transaction of the change it records: both commit or neither does.
 * Every writer holds the school's lock (versions.ts lockSchool), so a month's chain never forks.
 */

/** Records the write from `before` to `after` by `actor`, if it changed anything but logins. */
export async function recordWrite(
  client: pg.ClientBase,
  schoolId: string,
  actor: ChangeActor,
  before: Db,
  after: Db,
): Promise<ChangeEntry | undefined> {
  const kinds = recordedKinds(before, after);
  if (kinds.size === 0) return undefined;
  const entry = newChangeEntry(actor, new Date(), kinds);
  await appendChangeRow(client, schoolId, entry);
  return entry;
}

/**
 * A purge's own entry (privacy/purge.ts), in a transaction of its own under the school's lock,
 * committed before the purge changes anything.
 */
export async function recordPurge(
  pool: pg.Pool,
  schoolId: string,
  actor: ChangeActor,
  note: PurgeNote,
): Promise<ChangeEntry> {
  const entry = newChangeEntry(actor, new Date(), [], note);
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await lockSchool(client, schoolId);
    await appendChangeRow(client, schoolId, entry);
    await client.query("COMMIT");
    return entry;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Appends one entry at the end of its month's chain. The caller holds the school's lock. */
async function appendChangeRow(client: pg.ClientBase, schoolId: string, entry: ChangeEntry): Promise<void> {
  const month = changeMonth(entry);
  const head = await client.query<ChainHead>(
    "SELECT seq, hash FROM change_record WHERE school_id = $1 AND month = $2 ORDER BY seq DESC LIMIT 1",
    [schoolId, month],
  );
  const [row] = linkAfter(head.rows[0] ?? EMPTY_CHAIN, [entry]);
  if (!row) return;
  await client.query(
    `INSERT INTO change_record (school_id, month, seq, entry_id, entry, at, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8)`,
    [schoolId, month, row.seq, entry.id, JSON.stringify(entry), entry.at, row.prev, row.hash],
  );
}

/** One month's chain of a school, as stored. */
export interface ChangeMonthRows {
  month: string;
  rows: StoredChainRow[];
}

/** Every month's rows of a school's change record, oldest first (the audit checks them). */
export async function readChangeRows(
  db: pg.Pool | pg.ClientBase,
  schoolId: string,
): Promise<ChangeMonthRows[]> {
  const result = await db.query<StoredChainRow & { month: string }>(
    `SELECT month, seq, entry, prev_hash, hash FROM change_record
     WHERE school_id = $1 ORDER BY month, seq`,
    [schoolId],
  );
  const months = new Map<string, StoredChainRow[]>();
  for (const { month, ...row } of result.rows) {
    const rows = months.get(month) ?? [];
    rows.push(row);
    months.set(month, rows);
  }
  return [...months].map(([month, rows]) => ({ month, rows }));
}

/** Every entry of a school's change record, oldest first (for reading; the audit checks the chain). */
export async function readChangeEntries(
  db: pg.Pool | pg.ClientBase,
  schoolId: string,
): Promise<ChangeEntry[]> {
  return (await readChangeRows(db, schoolId)).flatMap(({ rows }) => rows.map((r) => r.entry as ChangeEntry));
}
