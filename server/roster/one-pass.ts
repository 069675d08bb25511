import { isWanfengError } from "../../protocol";
import type { RosterParts } from "../ports/roster";
import { applyRoster, type RosterSummary } from "./apply-roster";
import { type CsvRecord, readRosterRows, withoutRepeats } from "./csv-import";
import { applyNotAuthorisedSheet } from "./not-authorised-sheet";
import { importError, type RosterProblem, type RosterRow } from "./roster-row";

/**
 * Reads the records and merges them into `parts` in one pass, so the school sees every problem of
 * the file at once: the cells, the checks across rows, and what clashes with the school's data
 * (a card that belongs to someone else, a group over its capacity). Throws one IMPORT_BAD_ROW
 * with all of them; `parts` is then to be thrown away (the store's transaction does).
 */
export function mergeInOnePass(
  parts: RosterParts,
  records: readonly CsvRecord[],
  /** The school day, stamped on children new to the roster (Child.addedOn). */
  addedOn?: string,
  /** An Excel file's not-authorised sheet "不得接走" (not-authorised-sheet.ts), merged after the rows. */
  barred?: readonly CsvRecord[],
): { rows: RosterRow[]; summary: RosterSummary } {
  const { rows, problems } = readRosterRows(records);
  const headerBroken = problems.some((p) => p.row === (records[0]?.line ?? 1));
  let merged: RosterProblem[] = problems;
  let summary: RosterSummary | undefined;
  if (!headerBroken && rows.length > 0) {
    try {
      summary = applyRoster(parts, rows, addedOn);
    } catch (err) {
      if (!isWanfengError(err) || err.code !== "IMPORT_BAD_ROW") throw err;
      const found = err.details?.problems;
      merged = withoutRepeats(problems, Array.isArray(found) ? (found as RosterProblem[]) : []);
    }
  }
  if (barred && summary !== undefined)
    merged = [...merged, ...applyNotAuthorisedSheet(parts.children, barred)];
  if (merged.length > 0 || summary === undefined) throw importError(merged);
  return { rows, summary };
}
