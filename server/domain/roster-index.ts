import type { Schedule } from "../store/schedule-schema";
import type { Card, Child, Db, Device, Group, Guardian, Guardianship, Room, Settings } from "../store/schema";
import { scheduleOf } from "./schedule/defaults";

/** Lookups the decisions need, built once per roster change instead of scanning arrays per tap. */
export interface RosterIndex {
  settings: Settings;
  children: ReadonlyMap<string, Child>;
  childrenByGroup: ReadonlyMap<string, readonly Child[]>;
  groups: ReadonlyMap<string, Group>;
  rooms: ReadonlyMap<string, Room>;
  guardians: ReadonlyMap<string, Guardian>;
  /** guardianId → the children that adult may collect, with the relation. */
  guardianshipsByGuardian: ReadonlyMap<string, readonly Guardianship[]>;
  cards: ReadonlyMap<string, Card>;
  devices: ReadonlyMap<string, Device>;
  /** The schedule in force: the document's own, or the default. */
  schedule: Schedule;
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

export function buildRosterIndex(db: Db): RosterIndex {
  return {
    settings: db.settings,
    children: byId(db.children),
    childrenByGroup: groupBy(db.children, (c) => c.groupId),
    groups: byId(db.groups),
    rooms: byId(db.rooms),
    guardians: byId(db.guardians),
    guardianshipsByGuardian: groupBy(db.guardianships, (g) => g.guardianId),
    cards: byId(db.cards),
    devices: byId(db.devices),
    schedule: scheduleOf(db),
  };
}

export function relationOf(index: RosterIndex, guardianId: string, childId: string): string | undefined {
  return index.guardianshipsByGuardian.get(guardianId)?.find((g) => g.childId === childId)?.relation;
}

export function holderName(index: RosterIndex, card: Card): string {
  const holder =
    card.holder.kind === "child" ? index.children.get(card.holder.id) : index.guardians.get(card.holder.id);
  return holder?.name ?? card.holder.id;
}
