import type { DutyRoster } from "./duty";
import { careOnDay, childOfDay } from "./enrolment";
import {
  barHolds,
  type Card,
  type Child,
  type Device,
  type Group,
  type Guardian,
  type Guardianship,
  type Room,
  type Schedule,
  type SchoolRoster,
  type Settings,
  type SpecialCare,
} from "./entities";
import { scheduleOf } from "./schedule/defaults";

/** Lookups the decisions need, built once per roster change instead of scanning arrays per tap. */
export interface RosterIndex {
  settings: Settings;
  /** Every child of the roster; one kept for special care today carries the group of the day. */
  children: ReadonlyMap<string, Child>;
  /** The children expected in each group today: enrolled ones and today's special care (rule 1). */
  childrenByGroup: ReadonlyMap<string, readonly Child[]>;
  /**
   * The children with a not-authorised entry in force, in roster order: all custodyBars looks at
   * (walking every child twice per tap made ~300 KB of garbage a tap for a school of 5,000).
   */
  childrenWithBars: readonly Child[];
  /** Children in care today (the union of childrenByGroup), for the tap rules. */
  inCare: ReadonlySet<string>;
  /** Children kept today for a special reason without enrolment (or in another group): why, who decided. */
  specialCare: ReadonlyMap<string, SpecialCare>;
  /** userId → display name, for staff cards (考勤). */
  staffNames: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, Group>;
  rooms: ReadonlyMap<string, Room>;
  guardians: ReadonlyMap<string, Guardian>;
  /** guardianId → the children that adult may collect, with the relation. */
  guardianshipsByGuardian: ReadonlyMap<string, readonly Guardianship[]>;
  cards: ReadonlyMap<string, Card>;
  devices: ReadonlyMap<string, Device>;
  /** The schedule in force: the document's own, or the default. */
  schedule: Schedule;
  /** The duty roster (值班表) and staff names, for today's responsible person of a group. */
  dutyRoster: DutyRoster;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

/** `day` decides who is in care (enrolment dates, special care); see server/domain/enrolment.ts. */
export function buildRosterIndex(db: SchoolRoster, day?: string): RosterIndex {
  const care = careOnDay(db, day);
  const children = db.children.map((c) => barsOfDay(childOfDay(c, care), day));
  const childrenById = byId(children);
  return {
    settings: db.settings,
    children: childrenById,
    childrenByGroup: groupBy(
      children.filter((c) => care.inCare.has(c.id)),
      (c) => c.groupId,
    ),
    childrenWithBars: [...childrenById.values()].filter((c) => (c.notAuthorised?.length ?? 0) > 0),
    inCare: care.inCare,
    specialCare: care.special,
    staffNames: new Map(db.users.map((u) => [u.id, u.displayName])),
    groups: byId(db.groups),
    rooms: byId(db.rooms),
    guardians: byId(db.guardians),
    guardianshipsByGuardian: groupBy(db.guardianships, (g) => g.guardianId),
    cards: byId(db.cards),
    devices: byId(db.devices),
    schedule: scheduleOf(db),
    dutyRoster: { duties: db.duties, users: db.users.map((u) => ({ id: u.id, displayName: u.displayName })) },
  };
}

/** A not-authorised entry outside its dates (a court order not yet or no longer in force) does not bar that day. */
function barsOfDay(child: Child, day: string | undefined): Child {
  const entries = child.notAuthorised;
  if (day === undefined || entries === undefined || entries.every((e) => barHolds(e, day))) return child;
  return { ...child, notAuthorised: entries.filter((e) => barHolds(e, day)) };
}

export function relationOf(index: RosterIndex, guardianId: string, childId: string): string | undefined {
  return index.guardianshipsByGuardian.get(guardianId)?.find((g) => g.childId === childId)?.relation;
}

export function holderName(index: RosterIndex, card: Card): string {
  if (card.holder.kind === "staff") return index.staffNames.get(card.holder.id) ?? card.holder.id;
  const holder =
    card.holder.kind === "child" ? index.children.get(card.holder.id) : index.guardians.get(card.holder.id);
  return holder?.name ?? card.holder.id;
}
