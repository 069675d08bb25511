import { type ChainLink, type ChainReport, chainHash, GENESIS, verifyChain } from "../journal-chain";

/**
 * A hash chain kept as table rows (the events of a school-day, the change record of a month):
 * each row holds its entry, its seq and its link (prev_hash, hash), computed by journal-chain.ts
 * exactly as for a line of a file, so both backends have the same heads and the same audit.
 */

/** The last row of a chain: its seq and hash (0 and GENESIS for an empty chain). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const EMPTY_CHAIN: ChainHead = { seq: 0, hash: GENESIS };

export interface LinkedRow<T> {
  seq: number;
  entry: T;
  prev: string;
  hash: string;
}

/** Each entry's seq and link after `head`, in order. */
export function linkAfter<T extends object>(head: ChainHead, entries: readonly T[]): LinkedRow<T>[] {
  let prev = head.hash;
  return entries.map((entry, index) => {
    const hash = chainHash(prev, entry);
    const row = { seq: head.seq + index + 1, entry, prev, hash };
    prev = hash;
    return row;
  });
}

/** A chained row as read back for the audit. */
export interface StoredChainRow {
  seq: number;
  entry: object;
  prev_hash: string;
  hash: string;
  /** The purge (its change-record entry id) that replaced names in the entry, if any. */
  pseudonymised_by?: string | null;
}

/**
 * Checks one chain's rows, ordered by seq, as verifyChain checks a file's lines: a break's `line`
 * is the row's seq. A missing seq (a deleted row) leaves an empty line in its place, so the next
 * row's `prev` breaks.
 */
export function verifyChainRows(rows: readonly StoredChainRow[]): ChainReport {
  const lines: string[] = [];
  for (const row of rows) {
    while (lines.length < row.seq - 1) lines.push("");
    const chain: ChainLink = {
      prev: row.prev_hash,
      hash: row.hash,
      ...(row.pseudonymised_by ? { pseudonymised: row.pseudonymised_by } : {}),
    };
    lines.push(JSON.stringify({ ...row.entry, chain }));
  }
  return verifyChain(lines.length > 0 ? `${lines.join("\n")}\n` : "");
}
