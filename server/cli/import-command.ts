import { readFile } from "node:fs/promises";
import { applyRoster, parseRosterCsv } from "../roster/csv-import";
import { openDocumentStore } from "../store/lowdb-store";
import { dataDirFrom } from "./paths";

/** Parses the whole file first; a single bad row stops the import before anything is written. */
export async function runImportCommand(file: string, options: { dataDir?: string }): Promise<void> {
  const rows = parseRosterCsv(await readFile(file));
  const store = await openDocumentStore(dataDirFrom(options.dataDir));
  let summary: unknown;
  await store.update((db) => {
    summary = applyRoster(db, rows);
  });
  console.log(`Imported ${rows.length} rows from ${file}.`);
  console.log(JSON.stringify(summary, null, 2));
}
