import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { WanfengError } from "../protocol";
import { CHANGES_FOLDER } from "../server/store/change-record";
import {
  auditChanges,
  auditJournal,
  auditLine,
  type DayAudit,
  purgeIndex,
} from "../server/store/journal-audit";
import { auditChangedDays } from "../server/store/journal-start-audit";
import { documentPath } from "../server/store/lowdb-store";
import { type BackendOptions, checkFileSchool } from "./backend";
import { dataDirFrom } from "./paths";

interface AuditOptions extends BackendOptions {
  day?: string;
  changed?: boolean;
  /** With --changed: only this many of the changed files, newest first (the server's check at start). */
  newest?: string;
}

/**
 * `wanfeng audit verify [--day D]`: checks the journal's hash chains and the change record's
 * (roster and configuration changes, every month), of a data folder's files or of one school on a
 * database (`--database`, `--school`); exit code 1 names a break.
 */
export async function runAuditVerifyCommand(options: AuditOptions): Promise<void> {
  if (options.database) {
    if (options.changed || options.newest !== undefined)
      // The ledger of verified files is a data folder's; a database's rows are checked every time.
      throw new WanfengError(
        "VALIDATION_FAILED",
        "--changed checks a data folder's journal files, not a database",
        {
          field: "changed",
        },
      );
    const { auditDatabase } = await import("./database-audit");
    const audit = await auditDatabase(options.database, options.school, options.day);
    console.log(`school ${audit.where}`);
    report(audit.journal, audit.changes, options);
    return;
  }
  const dataDir = dataDirFrom(options.dataDir);
  if (options.school !== undefined) checkFileSchool(await folderSchoolName(dataDir), options.school);
  const changesDir = join(dataDir, CHANGES_FOLDER);
  const changes = await auditChanges(changesDir);
  const journalDir = join(dataDir, "journal");
  const purges = await purgeIndex(changesDir);
  // --changed: what the server runs when it starts (cli/start-audit.ts), and what a cron may.
  if (options.changed) {
    const checked = await auditChangedDays(journalDir, purges, { atMost: newestOption(options.newest) });
    report(checked.audits, changes, options);
    // The server's check at start reads this line (start-audit.ts LEFT_FOR_LATER).
    if (checked.remaining > 0) console.log(`\n${checked.remaining} more changed day files not verified`);
    return;
  }
  if (options.newest !== undefined) {
    throw new WanfengError("VALIDATION_FAILED", "--newest goes with --changed", { field: "newest" });
  }
  report(await auditJournal(journalDir, options.day, purges), changes, options);
}

function newestOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new WanfengError("VALIDATION_FAILED", `--newest must be a whole number of at least 1, got ${raw}`, {
      field: "newest",
    });
  }
  return n;
}

/** Prints one line per day and month; sets exit code 1 on a break, or when the day asked for has no journal. */
function report(audits: DayAudit[], changes: DayAudit[], options: AuditOptions): void {
  if (audits.length === 0 && !options.changed) {
    console.log(options.day ? `no journal for ${options.day}` : "the journal is empty");
    if (options.day) process.exitCode = 1;
  }
  for (const audit of audits) console.log(auditLine(audit));
  if (changes.length > 0) console.log("\nchanges to the roster and configuration:");
  for (const audit of changes) console.log(auditLine(audit, "change"));
  const broken = [...audits, ...changes].filter((a) => a.broken);
  if (broken.length > 0) {
    const what = options.database ? "chain(s) broken" : "file(s) with a broken chain";
    console.log(`\n${broken.length} ${what}: the record was changed after it was written.`);
    process.exitCode = 1;
  }
}

/** The school a data folder holds, read without opening the store (an audit writes nothing). */
async function folderSchoolName(dataDir: string): Promise<string> {
  try {
    const doc = JSON.parse(await readFile(documentPath(dataDir), "utf-8")) as {
      settings?: { schoolName?: unknown };
    };
    return typeof doc.settings?.schoolName === "string" ? doc.settings.schoolName : "";
  } catch (err) {
    throw new WanfengError("NOT_FOUND", `no school in ${dataDir}: ${(err as Error).message}`, {
      field: "school",
    });
  }
}
