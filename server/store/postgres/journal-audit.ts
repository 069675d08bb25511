import type pg from "pg";
import { type ChainReport, verifyChain } from "../journal-chain";

/**
 * The hash chain check of `wanfeng audit verify` for the PostgreSQL journal: each row holds its
 * event and its link (prev_hash, hash), so a day's rows are checked exactly as the lines of a day
 * file are (journal-chain.ts); a break's `line` is the row's seq.
 */

export interface PostgresDayAudit extends ChainReport {
  day: string;
}

export async function auditPostgresJournal(
  db: pg.Pool | pg.Client,
  schoolId: string,
  day?: string,
): Promise<PostgresDayAudit[]> {
  const result = await db.query<{
    day: string;
    seq: number;
    payload: object;
    prev_hash: string;
    hash: string;
  }>(
    `SELECT day::text AS day, seq, payload, prev_hash, hash FROM events
     WHERE school_id = $1 AND ($2::date IS NULL OR day = $2::date) ORDER BY day, seq`,
    [schoolId, day ?? null],
  );
  const byDay = new Map<string, string[]>();
  for (const row of result.rows) {
    const lines = byDay.get(row.day) ?? [];
    // A missing seq (a deleted row) leaves an empty line at its place: the next row's prev breaks.
    while (lines.length < row.seq - 1) lines.push("");
    lines.push(JSON.stringify({ ...row.payload, chain: { prev: row.prev_hash, hash: row.hash } }));
    byDay.set(row.day, lines);
  }
  return [...byDay].map(([d, lines]) => ({ day: d, ...verifyChain(`${lines.join("\n")}\n`) }));
}
