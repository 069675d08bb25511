import { WanfengError } from "../../protocol";
import type { ChildForm, ChildFormProblem } from "../../protocol/child-form";
import { enrolmentStateOn } from "../domain/enrolment";
import type { Child, Enrolment } from "../domain/entities";
import type { RosterParts } from "../ports/roster";
import { MAX_GRADE, MIN_GRADE } from "../roster/fields";

/**
 * One child by the office's form, checked as the import checks a roster row (server/roster): a
 * student number of at most 64 characters that no other child has, a name, a grade of the school,
 * a class, an existing care group with a free place. Every problem is listed at once.
 */

/** As the import: a student number is an id of at most 64 characters. */
const MAX_ID = 64;
const MAX_NAME = 100;
const MAX_CLASS = 60;

export function childFormProblems(
  parts: Pick<RosterParts, "children" | "groups">,
  form: ChildForm,
  editingId?: string,
): ChildFormProblem[] {
  const problems: ChildFormProblem[] = [];
  const text = (field: "id" | "name" | "className", value: string, max: number) => {
    if (value === "") problems.push({ field, problem: "required" });
    else if (value.length > max) problems.push({ field, problem: "too_long" });
  };
  text("id", form.id, MAX_ID);
  if (form.id !== "" && form.id !== editingId && parts.children.some((c) => c.id === form.id)) {
    problems.push({ field: "id", problem: "id_taken" });
  }
  text("name", form.name, MAX_NAME);
  if (form.grade < MIN_GRADE || form.grade > MAX_GRADE)
    problems.push({ field: "grade", problem: "grade_range" });
  text("className", form.className, MAX_CLASS);
  const group = parts.groups.find((g) => g.id === form.groupId);
  if (form.groupId === "") problems.push({ field: "groupId", problem: "required" });
  else if (!group) problems.push({ field: "groupId", problem: "no_group" });
  else {
    const members = parts.children.filter((c) => c.groupId === group.id && c.id !== editingId).length;
    const staying = parts.children.find((c) => c.id === editingId)?.groupId === group.id;
    if (!staying && members >= group.capacity) problems.push({ field: "groupId", problem: "group_full" });
  }
  return problems;
}

/**
 * Adds the child (no `editingId`) or changes them, on the parts of one store transaction; returns
 * the problems, and changes nothing when there are any. A student number is the child's id and is
 * not changed by an edit (cards, records and the journal name the child by it).
 */
export function applyChildForm(
  parts: RosterParts,
  form: ChildForm,
  editingId?: string,
  /** Today's school day, stamped on a new child (no unexplained absence on the first day). */
  addedOn?: string,
): ChildFormProblem[] {
  if (editingId !== undefined && !parts.children.some((c) => c.id === editingId)) {
    throw new WanfengError("NOT_FOUND", `no child ${editingId}`);
  }
  const checked = editingId ? { ...form, id: editingId } : form;
  const problems = childFormProblems(parts, checked, editingId);
  if (problems.length > 0) return problems;
  const existing = editingId ? parts.children.find((c) => c.id === editingId) : undefined;
  const fields = { name: form.name, grade: form.grade, className: form.className, groupId: form.groupId };
  const child: Child = existing
    ? { ...existing, ...fields }
    : { id: form.id, ...fields, ...(addedOn ? { addedOn } : {}) };
  if (form.healthNote !== undefined) {
    const health = child.health ?? { allergies: [], diet: [], medications: [] };
    const { note: _old, ...rest } = health;
    child.health = form.healthNote === "" ? rest : { ...rest, note: form.healthNote };
  }
  if (existing) parts.children[parts.children.indexOf(existing)] = child;
  else parts.children.push(child);
  return [];
}

/** The record a withdrawal goes on: the child's latest, unless it has already ended. */
export function openEnrolment(records: readonly Enrolment[]): Enrolment | undefined {
  const latest = records.at(-1);
  if (!latest) return undefined;
  const state = enrolmentStateOn(latest, "9999-12-31");
  return state === "withdrawn" || state === "declined" ? undefined : latest;
}
