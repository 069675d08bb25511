import { tryNormaliseCardNumber } from "../../protocol";
import type { ImportProblemCode } from "../../protocol/admin";
import { type Child, type NotAuthorised, NotAuthorisedSchema } from "../domain/entities";
import type { CsvRecord } from "./csv-import";
import { type RosterProblem, rosterProblem } from "./roster-problem";

/**
 * The roster import's second sheet "不得接走" (or "not_authorised"): one row per adult who must not
 * collect a child, matched to the child by student number. Only in Excel files (a CSV has one
 * sheet; the office enters such adults on the child page). An adult already on the child's list
 * under the same name is updated, a new one added; nobody is removed by an import. Every bad cell
 * is a problem of the import, like the roster sheet's, with the sheet's name in front of the column.
 */

export const NOT_AUTHORISED_SHEET = "不得接走";

export function isNotAuthorisedSheet(name: string): boolean {
  const cleaned = name.trim().toLowerCase();
  return cleaned === NOT_AUTHORISED_SHEET || cleaned === "not_authorised" || cleaned === "not authorised";
}

const COLUMNS = {
  childId: ["学号", "child_id"],
  name: ["姓名", "name"],
  relation: ["关系", "relation"],
  idLast4: ["身份证后4位", "id_last4"],
  cardId: ["卡号", "card"],
  note: ["原因", "reason"],
  validFrom: ["有效期起", "valid_from"],
  validTo: ["有效期止", "valid_to"],
} as const;
type Column = keyof typeof COLUMNS;

/** Merges the sheet into `children` (the import's working copy); returns the problems found. */
export function applyNotAuthorisedSheet(children: Child[], records: readonly CsvRecord[]): RosterProblem[] {
  const [header, ...rows] = records;
  if (!header) return [];
  const at = new Map<Column, number>();
  for (const [column, names] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
    const index = header.cells.findIndex((c) => names.includes(c.trim().toLowerCase()));
    if (index >= 0) at.set(column, index);
  }
  const problems: RosterProblem[] = [];
  const label = (column: Column) => `${NOT_AUTHORISED_SHEET} · ${COLUMNS[column][0]}`;
  for (const column of ["childId", "name"] as const) {
    if (!at.has(column))
      problems.push(rosterProblem(header.line, label(column), "missingColumn", { column: label(column) }));
  }
  if (problems.length > 0) return problems;

  for (const record of rows) {
    const cell = (column: Column) => {
      const index = at.get(column);
      return index === undefined ? "" : (record.cells[index] ?? "").trim();
    };
    if (record.cells.every((c) => c.trim() === "")) continue;
    const problem = (column: Column, code: ImportProblemCode, params: Record<string, string | number> = {}) =>
      problems.push(rosterProblem(record.line, label(column), code, params));
    const child = children.find((c) => c.id === cell("childId"));
    if (!child) problem("childId", "noChild", { value: cell("childId") });
    const cardText = cell("cardId");
    const cardId = cardText === "" ? undefined : tryNormaliseCardNumber(cardText);
    if (cardText !== "" && cardId === undefined) problem("cardId", "cardNumber", { value: cardText });
    const fields = {
      name: cell("name"),
      relation: cell("relation"),
      note: cell("note"),
      ...(cell("idLast4") ? { idLast4: cell("idLast4") } : {}),
      ...(cardId ? { cardId } : {}),
      ...(cell("validFrom") ? { validFrom: cell("validFrom") } : {}),
      ...(cell("validTo") ? { validTo: cell("validTo") } : {}),
    };
    const parsed = NotAuthorisedSchema.safeParse(fields);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0] ?? "name") as Column;
        problem(column in COLUMNS ? column : "name", "invalidValue", { reason: issue.message });
      }
      continue;
    }
    const entry = parsed.data;
    if (entry.validFrom && entry.validTo && entry.validFrom > entry.validTo) {
      problem("validTo", "datesReversed");
      continue;
    }
    if (child && !merge(children, child, entry)) problem("name", "tooManyBarred", { max: MAX_ENTRIES });
  }
  return problems;
}

/** As ChildSchema: a child's list holds at most this many adults. */
const MAX_ENTRIES = 10;

/**
 * False when the child's list is full. The child is replaced by a changed copy, never edited: the
 * preview runs on lists that share their children with the live roster.
 */
function merge(children: Child[], child: Child, entry: NotAuthorised): boolean {
  const list = [...(child.notAuthorised ?? [])];
  const at = list.findIndex((e) => e.name === entry.name);
  const existing = list[at];
  if (existing) {
    list[at] = { ...existing, ...entry, ...(existing.id ? { id: existing.id } : {}) };
  } else {
    if (list.length >= MAX_ENTRIES) return false;
    const taken = new Set(list.map((e, i) => e.id ?? `na-${i + 1}`));
    let n = list.length + 1;
    while (taken.has(`na-import-${n}`)) n++;
    list.push({ id: `na-import-${n}`, ...entry });
  }
  children[children.indexOf(child)] = { ...child, notAuthorised: list };
  return true;
}
