import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { auditDayFile, type DayAudit, type PurgeIndex } from "./journal-audit";
import { PRIVATE_FILE_MODE } from "./private-files";

/**
 * The server's check of the record at start. A school year is ~190 day files (near 2 GB for a
 * school of 5,000): hashing all of them on every start would take the better part of a minute, so
 * a day file is verified again only when it changed since it last verified (its size or its ctime,
 * which no tool can set back). The ledger of verified files sits beside them; `wanfeng audit
 * verify` always checks every file whatever it says.
 */
const LEDGER = ".verified.json";
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

type Ledger = Record<string, { size: number; ctimeMs: number; head: string | undefined }>;

export interface ChangedDaysAudit {
  /** The files verified by this call (the broken ones among them matter). */
  audits: DayAudit[];
  /** Changed files left for a later call (newest first are taken). */
  remaining: number;
}

/**
 * Verifies the newest `atMost` day files changed since they last verified (all without a limit),
 * leaving out those named in `skip` (already reported in this run: a broken file never enters the
 * ledger, so it is changed at every call).
 */
export async function auditChangedDays(
  dir: string,
  purges?: PurgeIndex,
  options: { atMost?: number; skip?: ReadonlySet<string> } = {},
): Promise<ChangedDaysAudit> {
  const found = await findChangedDays(dir, options.skip);
  if (!found) return { audits: [], remaining: 0 };
  const { names, ledger, changed } = found;
  const now = changed.slice(0, options.atMost ?? changed.length);
  const audits: DayAudit[] = [];
  for (const { name, day, size, ctimeMs } of now) {
    const audit = await auditDayFile(join(dir, name), day, purges);
    audits.push(audit);
    // A broken file stays out of the ledger: it is reported at every start until it is dealt with.
    if (audit.broken) delete ledger[name];
    else ledger[name] = { size, ctimeMs, head: audit.head };
  }
  for (const known of Object.keys(ledger)) if (!names.includes(known)) delete ledger[known];
  await writeFile(join(dir, LEDGER), JSON.stringify(ledger), { mode: PRIVATE_FILE_MODE });
  return {
    audits: audits.sort((a, b) => a.day.localeCompare(b.day)),
    remaining: changed.length - now.length,
  };
}

/** The day files changed since they last verified, newest first (without reading them). */
export async function changedDays(dir: string): Promise<string[]> {
  return ((await findChangedDays(dir))?.changed ?? []).map((c) => c.day);
}

interface ChangedFile {
  name: string;
  day: string;
  size: number;
  ctimeMs: number;
}

async function findChangedDays(
  dir: string,
  skip?: ReadonlySet<string>,
): Promise<{ names: string[]; ledger: Ledger; changed: ChangedFile[] } | undefined> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  const ledger = await readLedger(dir);
  const changed: ChangedFile[] = [];
  for (const name of names.sort().reverse()) {
    const day = DAY_FILE.exec(name)?.[1];
    if (day === undefined || skip?.has(day)) continue;
    const { size, ctimeMs } = await stat(join(dir, name));
    const known = ledger[name];
    if (!known || known.size !== size || known.ctimeMs !== ctimeMs)
      changed.push({ name, day, size, ctimeMs });
  }
  return { names, ledger, changed };
}

async function readLedger(dir: string): Promise<Ledger> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(dir, LEDGER), "utf-8"));
    return typeof parsed === "object" && parsed !== null ? (parsed as Ledger) : {};
  } catch {
    // No ledger yet, or a damaged one: everything is verified again, which is only slower.
    return {};
  }
}
