import { readFile } from "node:fs/promises";
import { readRosterRecords } from "../server/admin/roster-import";
import { schoolDay } from "../server/domain/school-day";
import { mergeInOnePass } from "../server/roster/one-pass";
import { type BackendOptions, openCommandStorage } from "./backend";

/**
 * Reads the whole file (CSV, or Excel .xlsx told by its bytes) and checks it in one pass; a single
 * problem stops the import before anything is written, and every problem is listed.
 */
export async function runImportCommand(file: string, options: BackendOptions): Promise<void> {
  const { records, barred } = await readRosterRecords(await readFile(file));
  const { storage, close } = await openCommandStorage(options, "import", { writes: true });
  try {
    // Every problem of the file at once, also the clashes with the school's data (cards, capacity).
    const today = schoolDay(new Date(), storage.schoolRoster().settings.timezone);
    const { rows, summary } = await storage.mergeRoster((parts) =>
      mergeInOnePass(parts, records, today, barred),
    );
    console.log(`Imported ${rows.length} rows from ${file}.`);
    console.log(JSON.stringify(summary, null, 2));
  } finally {
    await close();
  }
}
