import { parse } from "csv-parse/sync";
import { isWanfengError, normaliseCardNumber } from "../../protocol";
import type { ImportProblemCode } from "../../protocol/admin";
import { decodeRosterBytes } from "./decode";
import { MAX_GRADE, MIN_GRADE, normalisePhone, parseGrade } from "./fields";
import { type CheckOptions, checkRosterRows } from "./roster-checks";
import { rosterProblem } from "./roster-problem";
import {
  CHINESE_HEADERS,
  fieldOfHeader,
  importError,
  REQUIRED_FIELDS,
  type RosterField,
  type RosterProblem,
  type RosterRow,
} from "./roster-row";

export { applyRoster, type RosterCounts, type RosterSummary } from "./apply-roster";
export type { RosterProblem, RosterRow } from "./roster-row";

/**
 * Reads a roster CSV (one row per child–guardian pair, English or Chinese headers, UTF-8 or
 * GB18030) into clean rows. Every problem in the file is collected and thrown as one
 * IMPORT_BAD_ROW error whose details.problems name row (header = 1) and column, so the school
 * fixes the spreadsheet in one pass instead of one error at a time.
 */
export function parseRosterCsv(input: Buffer | string, options: CheckOptions = {}): RosterRow[] {
  return parseRosterRecords(readRecords(decodeRosterBytes(input)), options);
}

/**
 * The checks of every roster file, whatever its format: the first record is the header, each
 * other record a child–guardian pair (the .xlsx reader feeds the same function).
 */
export function parseRosterRecords(records: readonly CsvRecord[], options: CheckOptions = {}): RosterRow[] {
  const { rows, problems } = readRosterRows(records, options);
  if (problems.length > 0) throw importError(problems);
  return rows;
}

/**
 * Every problem of the file in one pass: the cells of every row, then the checks across rows on
 * every row that could be read (a typo in one cell does not hide a card conflict further down).
 * A problem across rows is left out where its row and column already have one, so one typo is
 * not also reported as a conflict.
 */
export function readRosterRows(
  records: readonly CsvRecord[],
  options: CheckOptions = {},
): { rows: RosterRow[]; problems: RosterProblem[] } {
  const [header, ...body] = records;
  if (header === undefined) return { rows: [], problems: [rosterProblem(1, "", "fileEmpty")] };

  const problems: RosterProblem[] = [];
  const columns = mapHeader(header.cells, problems, header.line);
  const rows: RosterRow[] = [];
  for (const record of body) {
    if (record.cells.every((cell) => cell === "")) continue;
    rows.push(readRow(record, columns, problems));
  }
  if (problems.length === 0 && rows.length === 0) {
    problems.push(rosterProblem(header.line, "", "noRows"));
  }
  // A header without a needed column leaves every row without it: nothing to compare across rows.
  if (problems.some((p) => p.row === header.line)) return { rows, problems };
  const comparable = rows.filter((row) => row.childId !== "");
  return { rows, problems: withoutRepeats(problems, checkRosterRows(comparable, options)) };
}

/** `more` without the problems on a row and column `first` already names. */
export function withoutRepeats(first: RosterProblem[], more: readonly RosterProblem[]): RosterProblem[] {
  const named = new Set(first.map((p) => `${p.row}\u0000${p.column}`));
  return [...first, ...more.filter((p) => !named.has(`${p.row}\u0000${p.column}`))];
}

/** One line of a roster file: its line (or sheet row) number and its cells as text. */
export interface CsvRecord {
  line: number;
  cells: string[];
}

export function readRecords(text: string): CsvRecord[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel's "Unicode text" export is tab-separated.
  const delimiter = firstLine.includes("\t") && !firstLine.includes(",") ? "\t" : ",";
  try {
    const parsed = parse(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      trim: true,
    }) as unknown as {
      record: string[];
      info: { lines: number };
    }[];
    return parsed.map(({ record, info }) => {
      // info.lines is where the record ends; a quoted cell may span lines.
      const spanned = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      return { line: info.lines - spanned, cells: record };
    });
  } catch (err) {
    const line = (err as { lines?: number }).lines ?? 1;
    const reason = err instanceof Error ? err.message : String(err);
    throw importError([rosterProblem(line, "", "unreadable", { format: "csv", reason })]);
  }
}

type ColumnMap = Map<RosterField, { index: number; header: string }>;

function mapHeader(cells: string[], problems: RosterProblem[], line = 1): ColumnMap {
  const columns: ColumnMap = new Map();
  cells.forEach((header, index) => {
    const field = fieldOfHeader(header);
    if (field === undefined) return;
    if (columns.has(field)) problems.push(rosterProblem(line, header, "twice"));
    else columns.set(field, { index, header });
  });
  const chinese = cells.some((cell) => /\p{Script=Han}/u.test(cell));
  for (const field of REQUIRED_FIELDS) {
    if (!columns.has(field)) {
      const name = chinese ? CHINESE_HEADERS[field] : field;
      problems.push(rosterProblem(line, name, "missingColumn", { column: name }));
    }
  }
  return columns;
}

/** The row as far as it could be read; its problems are added to `problems`. */
function readRow(record: CsvRecord, columns: ColumnMap, problems: RosterProblem[]): RosterRow {
  const headers: Partial<Record<RosterField, string>> = {};
  for (const [field, { header }] of columns) headers[field] = header;
  const fail = (
    field: RosterField,
    problem: ImportProblemCode,
    params: Record<string, string | number> = {},
  ) => problems.push(rosterProblem(record.line, headers[field] ?? field, problem, params));
  const cell = (field: RosterField): string => {
    const column = columns.get(field);
    return column === undefined ? "" : (record.cells[column.index] ?? "");
  };
  const required = (field: RosterField): string => {
    const value = cell(field);
    if (value === "" && columns.has(field)) fail(field, "empty");
    return value;
  };
  const card = (field: RosterField): string | undefined => {
    const value = cell(field);
    if (value === "") return undefined;
    try {
      return normaliseCardNumber(value);
    } catch (err) {
      fail(field, "cardNumber", isWanfengError(err) ? { value, reason: err.message } : { value });
      return undefined;
    }
  };

  const childId = required("child_id");
  if (childId.length > 64) fail("child_id", "idTooLong");
  const gradeText = required("grade");
  const grade = gradeText === "" ? undefined : parseGrade(gradeText);
  if (gradeText !== "" && (grade === undefined || grade < MIN_GRADE || grade > MAX_GRADE)) {
    fail("grade", "grade", { min: MIN_GRADE, max: MAX_GRADE, value: gradeText });
  }
  const phone = normalisePhone(cell("phone"));
  if (!phone.ok) fail("phone", phone.problem, { value: phone.value });

  const row: RosterRow = {
    line: record.line,
    childId,
    childName: required("child_name"),
    grade: grade ?? 0,
    className: required("class"),
    groupName: required("group"),
    roomName: required("room"),
    guardianName: required("guardian_name"),
    relation: required("relation"),
    phone: phone.ok ? phone.phone : "",
    columns: headers,
  };
  const childCardId = card("child_card");
  const guardianCardId = card("guardian_card");
  if (childCardId !== undefined) row.childCardId = childCardId;
  if (guardianCardId !== undefined) row.guardianCardId = guardianCardId;
  return row;
}
