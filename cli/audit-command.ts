import { join } from "node:path";
import { WanfengError } from "../protocol";
import { auditJournal, auditLine } from "../server/store/journal-audit";
import { dataDirFrom } from "./paths";

/** `wanfeng audit verify [--day D]`: checks the journal's hash chains; exit code 1 names a break. */
export async function runAuditVerifyCommand(options: {
  dataDir?: string;
  database?: string;
  day?: string;
}): Promise<void> {
  if (options.database)
    // The hash chains are the file journal's; a database's journal is checked by its own means.
    throw new WanfengError(
      "VALIDATION_FAILED",
      "audit verify checks the journal files of a data folder; it does not read a database (leave out --database and DATABASE_URL)",
      { field: "database" },
    );
  const audits = await auditJournal(join(dataDirFrom(options.dataDir), "journal"), options.day);
  if (audits.length === 0) {
    console.log(options.day ? `no journal for ${options.day}` : "the journal is empty");
    process.exitCode = options.day ? 1 : 0;
    return;
  }
  for (const audit of audits) console.log(auditLine(audit));
  const broken = audits.filter((a) => a.broken);
  if (broken.length > 0) {
    console.log(
      `\n${broken.length} day(s) with a broken chain: the record was changed after it was written.`,
    );
    process.exitCode = 1;
  }
}
