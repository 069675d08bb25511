import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type ChangeEntry, changeFiles, readChanges } from "./change-record";
import { type ChainBreak, type ChainReport, ChainVerifier, verifyChain } from "./journal-chain";
import { forEachCompleteLine } from "./journal-file";

/**
 * `wanfeng audit verify` and the server's check at start: every day file's hash chain (or one
 * day's), and the change record's month files. Reads only; a missing folder is an empty record.
 */

export interface DayAudit extends ChainReport {
  /** The school day, or the month of a change-record file. */
  day: string;
  /** The day file, or on a database the table whose rows hold the chain. */
  file: string;
  /** What a break's `line` counts: a file's lines (default), or a table's seq. */
  unit?: "line" | "seq";
}

/** Which days each purge (by its change-record entry id) pseudonymised. */
export type PurgeIndex = ReadonlyMap<string, ReadonlySet<string>>;

const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

/**
 * With `purges`, a pseudonymised line whose purge the change record does not hold for that day is
 * a break (`pseudonym_unrecorded`): marking a line as pseudonymised is no way to edit it quietly.
 */
export async function auditJournal(dir: string, day?: string, purges?: PurgeIndex): Promise<DayAudit[]> {
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
  for (const d of days) audits.push(await auditDayFile(join(dir, `${d}.jsonl`), d, purges));
  return audits;
}

/** One day file's chain (see auditJournal for `purges`). */
export async function auditDayFile(file: string, day: string, purges?: PurgeIndex): Promise<DayAudit> {
  const verifier = new ChainVerifier();
  await forEachCompleteLine(file, (line) => verifier.add(line));
  return { day, file, ...checkPurges(verifier.report(), day, purges) };
}

/**
 * A day's report with `pseudonym_unrecorded` as its break when a pseudonymised entry comes before
 * any other break and its purge is not in `purges` for that day (either backend's day).
 */
export function checkPurges(report: ChainReport, day: string, purges: PurgeIndex | undefined): ChainReport {
  const unrecorded = purges ? firstUnrecorded(report, day, purges) : undefined;
  const broken = earliest(report.broken, unrecorded);
  return { ...report, ...(broken ? { broken } : {}) };
}

/** The change record's month files (change-record.ts), each its own chain. */
export async function auditChanges(dir: string): Promise<DayAudit[]> {
  const audits: DayAudit[] = [];
  for (const { month, file } of await changeFiles(dir)) {
    audits.push({ day: month, file, ...verifyChain(await readFile(file, "utf-8")) });
  }
  return audits;
}

export async function purgeIndex(changesDir: string): Promise<PurgeIndex> {
  return indexPurges(await readChanges(changesDir));
}

export function indexPurges(entries: readonly ChangeEntry[]): PurgeIndex {
  const index = new Map<string, Set<string>>();
  for (const entry of entries) {
    if (entry.purge) index.set(entry.id, new Set(entry.purge.journalDays));
  }
  return index;
}

function firstUnrecorded(report: ChainReport, day: string, purges: PurgeIndex): ChainBreak | undefined {
  const runs = (report.pseudonymised ?? []).filter((run) => !purges.get(run.purgeId)?.has(day));
  const first = runs.sort((a, b) => a.line - b.line)[0];
  if (!first) return undefined;
  return {
    line: first.line,
    reason: "pseudonym_unrecorded",
    ...(first.eventId ? { eventId: first.eventId } : {}),
  };
}

function earliest(a: ChainBreak | undefined, b: ChainBreak | undefined): ChainBreak | undefined {
  if (!a || !b) return a ?? b;
  return b.line < a.line ? b : a;
}

/** One line per file for a person: the day (or month), OK or the first broken entry (file:line, id, why). */
export function auditLine(audit: DayAudit, idLabel = "event"): string {
  const legacy =
    audit.unchained > 0 ? ` (${audit.unchained} entries from before the chain, not verifiable)` : "";
  const purged = audit.pseudonymised ? " (names replaced by a recorded purge)" : "";
  if (!audit.broken) {
    return `${audit.day}  OK  ${audit.lines} entries, head ${audit.head ?? "-"}${legacy}${purged}`;
  }
  const { line, eventId, reason } = audit.broken;
  const place = audit.unit === "seq" ? `${audit.file} seq ${line}` : `${audit.file}:${line}`;
  return `${audit.day}  BROKEN at ${place}${eventId ? ` (${idLabel} ${eventId})` : ""}: ${reason}`;
}
