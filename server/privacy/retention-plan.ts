import { careStanding, currentEnrolment } from "../domain/enrolment";
import { DEFAULT_RETENTION, notAuthorisedId, type SchoolRoster } from "../domain/entities";
import { notAuthorisedPhotoStem, PHOTO_URL_PREFIX } from "../photos/photo-names";
import type { RosterParts } from "../ports/roster";

/**
 * What the retention rules (PIPL; docs/decisions.md "Retention") say must go on a day, as pure
 * functions of the roster and the day: the dry run lists it, the purge applies it.
 */

export type Retention = { withdrawnDataDays: number; journalYears: number };

export interface ChildPurge {
  childId: string;
  name: string;
  /** The first day the child was no longer in care. */
  withdrawnFrom: string;
  removes: ("photo" | "health" | "custody_list")[];
  /** The photo files the office uploaded for the custody list's adults (none when absent). */
  custodyPhotoStems?: string[];
}

export interface GuardianPurge {
  guardianId: string;
  name: string;
  removes: ("phone" | "photo")[];
}

export interface RosterPurgePlan {
  children: ChildPurge[];
  guardians: GuardianPurge[];
}

export function retentionOf(roster: Pick<SchoolRoster, "settings">): Retention {
  return roster.settings.retention ?? DEFAULT_RETENTION;
}

/** `day` moved by whole days (UTC calendar arithmetic on YYYY-MM-DD). */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Journal days before this one are kept with pseudonyms only: `years` before `today`. */
export function journalCutoff(today: string, years: number): string {
  const year = Number(today.slice(0, 4)) - years;
  // 29 February of a year that has none becomes 1 March, as a person would count it.
  const day = `${String(year).padStart(4, "0")}${today.slice(4)}`;
  return new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day ? day : addDays(`${year}-02-28`, 1);
}

/** The first day out of care for a child withdrawn by `today`, or undefined. */
export function withdrawnFrom(roster: SchoolRoster, childId: string, today: string): string | undefined {
  const records = (roster.enrolments ?? []).filter((e) => e.childId === childId);
  if (careStanding(records, today) !== "withdrawn") return undefined;
  return currentEnrolment(records, today)?.withdrawal?.effectiveFrom;
}

export function planRosterPurge(roster: SchoolRoster, today: string, retention: Retention): RosterPurgePlan {
  const due = new Map<string, string>();
  for (const child of roster.children) {
    const from = withdrawnFrom(roster, child.id, today);
    if (from !== undefined && addDays(from, retention.withdrawnDataDays) <= today) due.set(child.id, from);
  }
  const children: ChildPurge[] = [];
  for (const child of roster.children) {
    const from = due.get(child.id);
    if (from === undefined) continue;
    const removes: ChildPurge["removes"] = [];
    if (child.photo) removes.push("photo");
    if (child.health) removes.push("health");
    if (child.notAuthorised?.length) removes.push("custody_list");
    // Only the files the upload named: an entry may point at a guardian's photo, which stays.
    const custodyPhotoStems = (child.notAuthorised ?? [])
      .map((e, i) => ({ photo: e.photo, stem: notAuthorisedPhotoStem(child.id, notAuthorisedId(e, i)) }))
      .filter(({ photo, stem }) => photo?.startsWith(`${PHOTO_URL_PREFIX}${stem}.`))
      .map(({ stem }) => stem);
    if (removes.length > 0)
      children.push({
        childId: child.id,
        name: child.name,
        withdrawnFrom: from,
        removes,
        ...(custodyPhotoStems.length > 0 ? { custodyPhotoStems } : {}),
      });
  }
  const guardians: GuardianPurge[] = [];
  for (const guardian of roster.guardians) {
    const of = roster.guardianships.filter((g) => g.guardianId === guardian.id);
    // A parent of a sibling still in care keeps their phone: the school still needs it.
    if (of.length === 0 || !of.every((g) => due.has(g.childId))) continue;
    const removes: GuardianPurge["removes"] = [];
    if (guardian.phone !== "") removes.push("phone");
    if (guardian.photo) removes.push("photo");
    if (removes.length > 0) guardians.push({ guardianId: guardian.id, name: guardian.name, removes });
  }
  return { children, guardians };
}

/** Applies the plan to the roster's parts (inside RosterWriter.mergeRoster), changing the lists in place. */
export function applyRosterPurge(parts: RosterParts, plan: RosterPurgePlan): void {
  const children = new Set(plan.children.map((c) => c.childId));
  const guardians = new Set(plan.guardians.map((g) => g.guardianId));
  parts.children.forEach((child, i) => {
    if (!children.has(child.id)) return;
    const { photo: _photo, health: _health, notAuthorised: _custody, ...kept } = child;
    parts.children[i] = kept;
  });
  parts.guardians.forEach((guardian, i) => {
    if (!guardians.has(guardian.id)) return;
    const { photo: _photo, ...kept } = guardian;
    parts.guardians[i] = { ...kept, phone: "" };
  });
}
