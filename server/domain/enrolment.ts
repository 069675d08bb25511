import type { Child, Enrolment, SchoolRoster, SpecialCare } from "./entities";

/**
 * Voluntary enrolment (SPEC rule 1) as pure functions of the paperwork and a school day:
 * application → approval → agreement signed = enrolled; a written withdrawal ends it. Only
 * enrolled children, and children kept for a special reason on that day, are expected in a group.
 */

export const ENROLMENT_STATES = [
  /** Written application received, not decided yet. */
  "applied",
  "approved",
  "declined",
  /** Approved and the agreement (委托书) signed: in care. */
  "enrolled",
  "withdrawn",
] as const;
export type EnrolmentState = (typeof ENROLMENT_STATES)[number];

/**
 * How a child stands on a day. `no_records`: the child came with the roster (import, demo, a file
 * from before enrolments were kept) and has no paperwork recorded: counted as enrolled, because
 * the roster the school imports is its list of approved children (花名册), and the office is shown
 * which children still lack their dates. `not_yet`: every record starts after the day.
 */
export type CareStanding = EnrolmentState | "no_records" | "not_yet";

/** The state one record gives on a day (YYYY-MM-DD), or undefined before its application. */
export function enrolmentStateOn(record: Enrolment, day: string): EnrolmentState | undefined {
  if (record.application.date > day) return undefined;
  if (record.withdrawal && record.withdrawal.effectiveFrom <= day) return "withdrawn";
  if (record.declined && record.declined.date <= day) return "declined";
  if (record.agreement && record.agreement.signedOn <= day) return "enrolled";
  if (record.approval && record.approval.date <= day) return "approved";
  return "applied";
}

/** The record that speaks for a child on a day: the latest application made by then. */
export function currentEnrolment(records: readonly Enrolment[], day: string): Enrolment | undefined {
  let current: Enrolment | undefined;
  for (const record of records) {
    if (record.application.date > day) continue;
    if (current === undefined || record.application.date >= current.application.date) current = record;
  }
  return current;
}

export function careStanding(records: readonly Enrolment[], day: string): CareStanding {
  if (records.length === 0) return "no_records";
  const current = currentEnrolment(records, day);
  if (current === undefined) return "not_yet";
  return enrolmentStateOn(current, day) ?? "not_yet";
}

export function countsAsEnrolled(standing: CareStanding): boolean {
  return standing === "enrolled" || standing === "no_records";
}

/**
 * In care on the day by the paperwork: enrolled, or on the roster without records, or with
 * paperwork still pending on a record begun while the child was in care (`keepsCare`): paperwork
 * adds dates, never removes a child from care.
 */
export function inCareByPaperwork(records: readonly Enrolment[], day: string): boolean {
  const standing = careStanding(records, day);
  if (countsAsEnrolled(standing)) return true;
  // Recorded for a child in care but dated later: the child stays until then, and after.
  if (standing === "not_yet") return records.some((r) => r.keepsCare);
  const pending = standing === "applied" || standing === "approved";
  return pending && currentEnrolment(records, day)?.keepsCare === true;
}

/** The special-care arrangement for a child on a day (the latest recorded when two cover it). */
export function specialCareOn(
  items: readonly SpecialCare[],
  childId: string,
  day: string,
): SpecialCare | undefined {
  return items.findLast((s) => s.childId === childId && s.days.includes(day));
}

export interface DayCare {
  /** Children expected in some group today. */
  inCare: Set<string>;
  /** Children in a group other than their own today, by special care: childId → arrangement. */
  special: Map<string, SpecialCare>;
}

/**
 * Who is in care on a day. Without a day (tests, tools), the latest paperwork counts and no special
 * care applies: "9999-12-31" is after every date a record can carry.
 */
export function careOnDay(
  db: Pick<SchoolRoster, "children" | "enrolments" | "specialCare">,
  day?: string,
): DayCare {
  const on = day ?? "9999-12-31";
  const byChild = new Map<string, Enrolment[]>();
  for (const record of db.enrolments ?? []) {
    const list = byChild.get(record.childId);
    if (list) list.push(record);
    else byChild.set(record.childId, [record]);
  }
  const inCare = new Set<string>();
  const special = new Map<string, SpecialCare>();
  for (const child of db.children) {
    const arrangement = day === undefined ? undefined : specialCareOn(db.specialCare ?? [], child.id, day);
    if (arrangement) {
      inCare.add(child.id);
      special.set(child.id, arrangement);
    } else if (inCareByPaperwork(byChild.get(child.id) ?? [], on)) {
      inCare.add(child.id);
    }
  }
  return { inCare, special };
}

/** The child as the day sees them: in the special-care group for the day, else their own. */
export function childOfDay(child: Child, care: DayCare): Child {
  const arrangement = care.special.get(child.id);
  return arrangement && arrangement.groupId !== child.groupId
    ? { ...child, groupId: arrangement.groupId }
    : child;
}
