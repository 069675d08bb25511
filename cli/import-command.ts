import { readFile } from "node:fs/promises";
import { applyRoster } from "../server/roster/csv-import";
import { parseRosterFile } from "../server/roster/xlsx-import";
import { openDocumentStore } from "../server/store/lowdb-store";
import { dataDirFrom } from "./paths";

/**
 * Parses the whole file first (CSV, or Excel .xlsx told by its bytes); a single bad row stops the
 * import before anything is written.
 */
export async function runImportCommand(file: string, options: { dataDir?: string }): Promise<void> {
  const rows = await parseRosterFile(await readFile(file));
  const store = await openDocumentStore(dataDirFrom(options.dataDir));
  const summary = await store.mergeRoster((parts) => applyRoster(parts, rows));
  console.log(`Imported ${rows.length} rows from ${file}.`);
  console.log(JSON.stringify(summary, null, 2));
}
