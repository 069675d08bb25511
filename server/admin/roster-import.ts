import { type ImportPreview, type ImportProblem, isWanfengError } from "../../protocol";
import type { SchoolRoster } from "../domain/entities";
import type { RosterWriter } from "../ports/roster";
import { copyRosterParts, type RosterSummary } from "../roster/apply-roster";
import { type CsvRecord, readRecords } from "../roster/csv-import";
import { decodeRosterBytes } from "../roster/decode";
import { mergeInOnePass } from "../roster/one-pass";
import { isXlsx, readXlsxWorkbook } from "../roster/xlsx-import";

/**
 * Roster import from the admin screen: a preview that reads the file, runs every check and a trial
 * merge on a copy of the document (nothing is written), and the import itself, which runs the same
 * again inside one store transaction (RosterWriter.mergeRoster) so it is all or nothing.
 */

/** Rows shown in the preview table; the problems list is always complete. */
const PREVIEW_ROWS = 1000;

/** `barred`: an Excel file's not-authorised sheet "不得接走" (server/roster/not-authorised-sheet.ts). */
export async function readRosterRecords(
  bytes: Buffer,
): Promise<{ format: "csv" | "xlsx"; records: CsvRecord[]; barred?: CsvRecord[] }> {
  if (isXlsx(bytes)) return { format: "xlsx", ...(await readXlsxWorkbook(bytes)) };
  return { format: "csv", records: readRecords(decodeRosterBytes(bytes)) };
}

function problemsOf(err: unknown): ImportProblem[] {
  if (isWanfengError(err) && err.code === "IMPORT_BAD_ROW") {
    const problems = err.details?.problems;
    if (Array.isArray(problems)) return problems as ImportProblem[];
  }
  throw err;
}

export async function previewRoster(roster: SchoolRoster, bytes: Buffer): Promise<ImportPreview> {
  let format: "csv" | "xlsx" = isXlsx(bytes) ? "xlsx" : "csv";
  let records: CsvRecord[] = [];
  let barred: CsvRecord[] | undefined;
  let problems: ImportProblem[] = [];
  let summary: RosterSummary | undefined;
  try {
    ({ format, records, barred } = await readRosterRecords(bytes));
    summary = mergeInOnePass(copyRosterParts(roster), records, undefined, barred).summary;
  } catch (err) {
    problems = problemsOf(err);
  }
  const [header, ...body] = records;
  return {
    format,
    header: header?.cells ?? [],
    headerLine: header?.line ?? 1,
    rows: body.filter((r) => r.cells.some((c) => c !== "")).slice(0, PREVIEW_ROWS),
    problems,
    ...(summary && problems.length === 0 ? { summary: summary as unknown as ImportPreview["summary"] } : {}),
  };
}

/** Parses and merges in one locked update; any problem leaves the document as it was. */
export async function importRoster(
  store: RosterWriter,
  bytes: Buffer,
  /** Today's school day, stamped on new children (no unexplained absence on their first day). */
  addedOn?: string,
): Promise<{ rows: number; summary: RosterSummary }> {
  const { records, barred } = await readRosterRecords(bytes);
  const { rows, summary } = await store.mergeRoster((parts) =>
    mergeInOnePass(parts, records, addedOn, barred),
  );
  return { rows: rows.length, summary };
}
