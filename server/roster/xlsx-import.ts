import type ExcelJS from "exceljs";
import { type CsvRecord, parseRosterCsv, parseRosterRecords } from "./csv-import";
import { isNotAuthorisedSheet } from "./not-authorised-sheet";
import type { CheckOptions } from "./roster-checks";
import { rosterProblem } from "./roster-problem";
import { fieldOfHeader, importError, type RosterRow } from "./roster-row";
import { xlsxOverLimits } from "./xlsx-bounds";

/**
 * Excel rosters (.xlsx) read into the same records the CSV reader makes, so every check and every
 * problem message is the same for both formats. Rows are the sheet's row numbers, as Excel shows
 * them. The header may sit below a title row (学校托管花名册 merged across the top): the first of
 * the top rows naming at least three roster columns is the header.
 */

const HEADER_SEARCH_ROWS = 5;
/** A .xlsx file is a ZIP archive: "PK\x03\x04". */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function isXlsx(bytes: Buffer): boolean {
  return ZIP_MAGIC.every((b, i) => bytes[i] === b);
}

/** The text a person sees in a cell: formulas by their result, rich text joined, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ("richText" in value)
    return value.richText
      .map((r) => r.text)
      .join("")
      .trim();
  if ("text" in value && typeof value.text === "string") return value.text.trim();
  if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  if ("error" in value) return "";
  return "";
}

export async function readXlsxRecords(bytes: Buffer): Promise<CsvRecord[]> {
  return (await readXlsxWorkbook(bytes)).records;
}

/**
 * The roster sheet (the first with data that is not the not-authorised sheet) and, when there is
 * one, the not-authorised sheet "不得接走" (server/roster/not-authorised-sheet.ts).
 */
export async function readXlsxWorkbook(
  bytes: Buffer,
): Promise<{ records: CsvRecord[]; barred?: CsvRecord[] }> {
  const refused = xlsxOverLimits(bytes);
  if (refused !== undefined) {
    const problem =
      refused.kind === "too-big"
        ? rosterProblem(1, "", "tooBig", { reason: refused.reason })
        : rosterProblem(1, "", "unreadable", { format: "xlsx", reason: refused.reason });
    throw importError([problem]);
  }
  const workbook = new (await loadExcel()).Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw importError([rosterProblem(1, "", "unreadable", { format: "xlsx", reason })]);
  }
  const barredSheet = workbook.worksheets.find(
    (ws) => isNotAuthorisedSheet(ws.name) && ws.actualRowCount > 0,
  );
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0 && !isNotAuthorisedSheet(ws.name));
  const barred = barredSheet ? sheetRecords(barredSheet) : undefined;
  if (sheet === undefined) return barred ? { records: [], barred } : { records: [] };
  const records = sheetRecords(sheet);
  const headerAt = records
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((r) => r.cells.filter((c) => fieldOfHeader(c) !== undefined).length >= 3);
  const roster = headerAt > 0 ? records.slice(headerAt) : records;
  return barred ? { records: roster, barred } : { records: roster };
}

function sheetRecords(sheet: ExcelJS.Worksheet): CsvRecord[] {
  const records: CsvRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // ExcelJS numbers columns from 1; a gap in the row stays an empty cell so columns line up.
    for (let col = 1; col <= row.cellCount; col++) cells.push(cellText(row.getCell(col).value));
    records.push({ line: rowNumber, cells });
  });
  return records;
}

export async function parseRosterXlsx(bytes: Buffer, options: CheckOptions = {}): Promise<RosterRow[]> {
  return parseRosterRecords(await readXlsxRecords(bytes), options);
}

/** A roster file of either kind, told apart by its first bytes (a name can lie; a ZIP cannot). */
export async function parseRosterFile(bytes: Buffer, options: CheckOptions = {}): Promise<RosterRow[]> {
  return isXlsx(bytes) ? parseRosterXlsx(bytes, options) : parseRosterCsv(bytes, options);
}

/** exceljs is large (about 30 MB of memory): loaded when a workbook is read, not at start-up. */
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import("exceljs")).default;
}
