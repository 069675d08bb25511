import { WanfengError } from "../../protocol";
import type { RosterProblem } from "./roster-problem";

/** One child–guardian pair from a roster file, already cleaned and normalised. */
export interface RosterRow {
  /** Line in the file (header = 1), for problems found later. */
  line: number;
  childId: string;
  childName: string;
  grade: number;
  className: string;
  groupName: string;
  roomName: string;
  /** Canonical card id (protocol/card-number.ts). */
  childCardId?: string;
  guardianName: string;
  relation: string;
  /** Digits only (a leading + kept); "" when the file gave none. */
  phone: string;
  guardianCardId?: string;
  /** The header of each field as written in the file, so later problems name the same column. */
  columns?: Partial<Record<RosterField, string>>;
}

export const ROSTER_FIELDS = [
  "child_id",
  "child_name",
  "grade",
  "class",
  "group",
  "room",
  "child_card",
  "guardian_name",
  "relation",
  "phone",
  "guardian_card",
] as const;
export type RosterField = (typeof ROSTER_FIELDS)[number];

/**
 * Cards are optional for children and guardians alike: a school may import the roster before the
 * cards are printed, and a guardian without a card can still collect with a pass or after a
 * check by the guard. Phone is optional too (guardians are then matched by name).
 */
export const REQUIRED_FIELDS: readonly RosterField[] = [
  "child_id",
  "child_name",
  "grade",
  "class",
  "group",
  "room",
  "guardian_name",
  "relation",
];

export const CHINESE_HEADERS: Record<RosterField, string> = {
  child_id: "学号",
  child_name: "姓名",
  grade: "年级",
  class: "班级",
  group: "托管班",
  room: "教室",
  child_card: "学生卡号",
  guardian_name: "家长姓名",
  relation: "关系",
  phone: "电话",
  guardian_card: "家长卡号",
};

/** Other headers seen in school spreadsheets, mapped to the same fields. */
const EXTRA_ALIASES: Record<string, RosterField> = {
  学生姓名: "child_name",
  托管班级: "group",
  托管教室: "room",
  与学生关系: "relation",
  手机: "phone",
  手机号: "phone",
  联系电话: "phone",
  家长电话: "phone",
};

/** The field a header names, or undefined for a column the import does not use. */
export function fieldOfHeader(header: string): RosterField | undefined {
  const cleaned = header.trim();
  const english = cleaned.toLowerCase().replace(/[\s-]+/g, "_");
  const asField = ROSTER_FIELDS.find((field) => field === english);
  if (asField !== undefined) return asField;
  const chinese = ROSTER_FIELDS.find((field) => CHINESE_HEADERS[field] === cleaned);
  return chinese ?? EXTRA_ALIASES[cleaned];
}

/** Row: the line in the file (header = 1); column: its header as written ("" for the whole file). */
export type { RosterProblem } from "./roster-problem";

export function columnName(row: RosterRow, field: RosterField): string {
  return row.columns?.[field] ?? field;
}

/** One error for the whole file, so the school fixes every row in one go. */
export function importError(problems: RosterProblem[]): WanfengError {
  const sorted = [...problems].sort((a, b) => a.row - b.row);
  const list = sorted.map((p) => `row ${p.row}${p.column ? `, ${p.column}` : ""}: ${p.message}`);
  return new WanfengError("IMPORT_BAD_ROW", `roster has ${sorted.length} problem(s):\n${list.join("\n")}`, {
    problems: sorted,
  });
}

export const DEFAULT_GROUP_CAPACITY = 30;
