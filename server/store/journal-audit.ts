import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ChainReport, verifyChain } from "./journal-chain";

/**
 * `wanfeng audit verify` and the server's check at start: every day file's hash chain, or one
 * day's. Reads only; a missing journal folder is an empty journal.
 */

export interface DayAudit extends ChainReport {
  day: string;
  file: string;
}

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

export async function auditJournal(dir: string, day?: string): Promise<DayAudit[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const days = names
    .map((name) => DAY_FILE.exec(name)?.[1])
    .filter((d): d is string => d !== undefined && (day === undefined || d === day))
    .sort();
  const audits: DayAudit[] = [];
  for (const d of days) {
    const file = join(dir, `${d}.jsonl`);
    audits.push({ day: d, file, ...verifyChain(await readFile(file, "utf-8")) });
  }
  return audits;
}

/** One line per day for a person: the day, OK or the first broken entry (file:line, event id, why). */
export function auditLine(audit: DayAudit): string {
  const legacy =
    audit.unchained > 0 ? ` (${audit.unchained} entries from before the chain, not verifiable)` : "";
  if (!audit.broken) return `${audit.day}  OK  ${audit.lines} entries, head ${audit.head ?? "-"}${legacy}`;
  const { line, eventId, reason } = audit.broken;
  return `${audit.day}  BROKEN at ${audit.file}:${line}${eventId ? ` (event ${eventId})` : ""}: ${reason}`;
}
