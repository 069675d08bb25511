import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { auditDayFile, type DayAudit, type PurgeIndex } from "./journal-audit";
import { PRIVATE_FILE_MODE } from "./private-files";

/**
 * The server's check of the record at start. A school year is ~190 day files: hashing all of them
 * on every start would take seconds, so a day file is verified again only when it changed since
 * it last verified (its size or its ctime, which no tool can set back). The ledger of verified
 * files sits beside them; `wanfeng audit verify` always checks every file whatever it says.
 */
const LEDGER = ".verified.json";
const DAY_FILE = /^(\d{4}-\d{2}-\d{2})\.jsonl$/;

type Ledger = Record<string, { size: number; ctimeMs: number; head: string | undefined }>;

/** The audits of the day files that changed since last verified (the broken ones among them matter). */
export async function auditChangedDays(dir: string, purges?: PurgeIndex): Promise<DayAudit[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const ledger = await readLedger(dir);
  const next: Ledger = {};
  const audits: DayAudit[] = [];
  for (const name of names.sort()) {
    const day = DAY_FILE.exec(name)?.[1];
    if (day === undefined) continue;
    const file = join(dir, name);
    const { size, ctimeMs } = await stat(file);
    const known = ledger[name];
    if (known && known.size === size && known.ctimeMs === ctimeMs) {
      next[name] = known;
      continue;
    }
    const audit = await auditDayFile(file, day, purges);
    audits.push(audit);
    // A broken file stays out of the ledger: it is reported at every start until it is dealt with.
    if (!audit.broken) next[name] = { size, ctimeMs, head: audit.head };
  }
  await writeFile(join(dir, LEDGER), JSON.stringify(next), { mode: PRIVATE_FILE_MODE });
  return audits;
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
