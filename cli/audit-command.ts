import { join } from "node:path";
import { WanfengError } from "../protocol";
import { CHANGES_FOLDER } from "../server/store/change-record";
import { auditChanges, auditJournal, auditLine, purgeIndex } from "../server/store/journal-audit";
import { auditChangedDays } from "../server/store/journal-start-audit";
import { dataDirFrom } from "./paths";

/**
 * `wanfeng audit verify [--day D]`: checks the journal's hash chains and the change record's
 * (roster and configuration changes, every month); exit code 1 names a break.
 */
export async function runAuditVerifyCommand(options: {
  dataDir?: string;
  database?: string;
  day?: string;
  changed?: boolean;
}): Promise<void> {
  if (options.database)
    // The hash chains are the file journal's; a database's journal is checked by its own means.
    throw new WanfengError(
      "VALIDATION_FAILED",
      "audit verify checks the journal files of a data folder; it does not read a database (leave out --database and DATABASE_URL)",
      { field: "database" },
    );
  const dataDir = dataDirFrom(options.dataDir);
  const changesDir = join(dataDir, CHANGES_FOLDER);
  const changes = await auditChanges(changesDir);
  const journalDir = join(dataDir, "journal");
  const purges = await purgeIndex(changesDir);
  // --changed: what the server runs after it starts (journal-start-audit.ts), and what a cron may.
  const audits = options.changed
    ? (await auditChangedDays(journalDir, purges)).audits
    : await auditJournal(journalDir, options.day, purges);
  if (audits.length === 0 && !options.changed) {
    console.log(options.day ? `no journal for ${options.day}` : "the journal is empty");
    if (options.day) process.exitCode = 1;
  }
  for (const audit of audits) console.log(auditLine(audit));
  if (changes.length > 0) console.log("\nchanges to the roster and configuration:");
  for (const audit of changes) console.log(auditLine(audit, "change"));
  const broken = [...audits, ...changes].filter((a) => a.broken);
  if (broken.length > 0) {
    console.log(
      `\n${broken.length} file(s) with a broken chain: the record was changed after it was written.`,
    );
    process.exitCode = 1;
  }
}
