import type { ImportProblem, ImportProblemCode } from "../../protocol/admin";

/**
 * One roster problem: where (row, column), what (a code the screens translate, with its facts as
 * params) and an English sentence for the command line (`wanfeng import`) and the logs. Screens
 * never show `message`: the kiosk words the code in its own catalogues (admin.problem.*).
 */
export type RosterProblem = ImportProblem;

type Params = Record<string, string | number>;

const ENGLISH: Record<ImportProblemCode, (p: Record<string, string>) => string> = {
  empty: () => "required value is empty",
  grade: (p) => `grade must be ${p.min}–${p.max} (e.g. 3 or 三年级), got ${p.value}`,
  scientific: (p) =>
    `${p.value} looks like Excel's scientific notation: format the phone column as text and export again`,
  phone: (p) =>
    `not a Chinese mobile (11 digits, 1…) or landline (area code 0… and 7–8 digits) number: ${p.value}`,
  missingColumn: (p) => `required column ${p.column} is missing`,
  twice: () => "this column appears twice",
  fileEmpty: () => "the file is empty",
  noRows: () => "the file has a header but no rows",
  childDiffers: (p) => `child ${p.child} has ${p.here} here but ${p.there} on row ${p.row}`,
  groupRoom: (p) => `group ${p.group} is in ${p.room} on row ${p.row}, not ${p.other}`,
  phoneOwner: (p) => `phone ${p.phone} belongs to ${p.who} on row ${p.row}`,
  guardianCard: (p) => `${p.who} has card ${p.card} on row ${p.row}`,
  relationDiffers: (p) => `${p.who} is ${p.relation} of ${p.child} on row ${p.row}`,
  cardGiven: (p) => `card ${p.card} is already given to ${p.who} (row ${p.row})`,
  cardBelongs: (p) => `card ${p.card} already belongs to ${p.who}`,
  cardNumber: (p) => p.reason ?? `not a card number: ${p.value}`,
  idTooLong: () => "student number is longer than 64 characters",
  capacity: (p) => `group ${p.group} would have ${p.count} children, more than its capacity of ${p.max}`,
  full: (p) => `group ${p.group} is full: more than ${p.max} children`,
  unreadable: (p) => `not readable as ${p.format === "xlsx" ? "an Excel .xlsx file" : "CSV"}: ${p.reason}`,
  tooBig: (p) => `Excel file refused: ${p.reason}`,
  noChild: (p) => `no child with student number "${p.value}"`,
  datesReversed: () => "valid to is before valid from",
  tooManyBarred: (p) => `at most ${p.max} adults per child`,
  invalidValue: (p) => `not a valid value: ${p.reason}`,
};

export function rosterProblem(
  row: number,
  column: string,
  problem: ImportProblemCode,
  params: Params = {},
): RosterProblem {
  const words = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return { row, column, problem, params: words, message: ENGLISH[problem](words) };
}
