import type { Card, CardHolder, Guardian, SchoolRoster } from "../domain/entities";
import { newId } from "../domain/name-ids";
import type { RosterParts } from "../ports/roster";
import { checkRosterRows, guardianKey } from "./roster-checks";
import { rosterProblem } from "./roster-problem";
import {
  columnName,
  DEFAULT_GROUP_CAPACITY,
  importError,
  type RosterProblem,
  type RosterRow,
} from "./roster-row";

export interface RosterCounts {
  rooms: number;
  groups: number;
  children: number;
  guardians: number;
  guardianships: number;
  cards: number;
}

export interface RosterSummary {
  added: RosterCounts;
  updated: RosterCounts;
}

const zero = (): RosterCounts => ({
  rooms: 0,
  groups: 0,
  children: 0,
  guardians: 0,
  guardianships: 0,
  cards: 0,
});

/**
 * Merges parsed rows into the document: rooms and groups by name, children by student number,
 * guardians by phone (by name when there is no phone), guardianships by pair, cards by id.
 * An import only adds and updates; it never deletes, and it never re-activates a card that was
 * reported lost or revoked. Works on a copy and changes `db` only when every row fits, so even
 * outside a store transaction nothing is half-imported.
 */
export function applyRoster(db: RosterParts, rows: readonly RosterRow[], addedOn?: string): RosterSummary {
  // Capacity is checked below against the merged document, which also counts children already there.
  const problems: RosterProblem[] = [
    ...checkRosterRows(rows, { capacityOf: () => Number.POSITIVE_INFINITY }),
  ];
  const work = structuredClone(db);
  const added = zero();
  const updated = zero();

  const roomIds = new Map<string, string>();
  for (const row of rows) {
    if (roomIds.has(row.roomName)) continue;
    let room = work.rooms.find((r) => r.name === row.roomName);
    if (room === undefined) {
      room = { id: newId("room", row.roomName, new Set(work.rooms.map((r) => r.id))), name: row.roomName };
      work.rooms.push(room);
      added.rooms++;
    }
    roomIds.set(row.roomName, room.id);
  }

  const groupIds = new Map<string, string>();
  for (const row of rows) {
    if (groupIds.has(row.groupName)) continue;
    const roomId = roomIds.get(row.roomName) ?? "";
    let group = work.groups.find((g) => g.name === row.groupName);
    if (group === undefined) {
      const id = newId("group", row.groupName, new Set(work.groups.map((g) => g.id)));
      group = { id, name: row.groupName, roomId, capacity: DEFAULT_GROUP_CAPACITY };
      work.groups.push(group);
      added.groups++;
    } else if (group.roomId !== roomId) {
      group.roomId = roomId;
      updated.groups++;
    }
    groupIds.set(row.groupName, group.id);
  }

  const seenChildren = new Set<string>();
  const guardianIds = new Map<string, string>();
  for (const row of rows) {
    const groupId = groupIds.get(row.groupName) ?? "";
    if (!seenChildren.has(row.childId)) {
      seenChildren.add(row.childId);
      const fields = { name: row.childName, grade: row.grade, className: row.className, groupId };
      const child = work.children.find((c) => c.id === row.childId);
      if (child === undefined) {
        work.children.push({ id: row.childId, ...fields, ...(addedOn ? { addedOn } : {}) });
        added.children++;
      } else if (Object.entries(fields).some(([k, v]) => child[k as keyof typeof fields] !== v)) {
        Object.assign(child, fields);
        updated.children++;
      }
    }

    const guardian = findOrAddGuardian(work, row, guardianIds, added, updated);
    const pair = work.guardianships.find((g) => g.childId === row.childId && g.guardianId === guardian.id);
    if (pair === undefined) {
      work.guardianships.push({ childId: row.childId, guardianId: guardian.id, relation: row.relation });
      added.guardianships++;
    } else if (pair.relation !== row.relation) {
      pair.relation = row.relation;
      updated.guardianships++;
    }

    const bind = (cardId: string | undefined, holder: CardHolder, field: "child_card" | "guardian_card") => {
      if (cardId === undefined) return;
      const existing = work.cards.find((c) => c.id === cardId);
      if (existing === undefined) {
        const card: Card = { id: cardId, holder, status: "active" };
        work.cards.push(card);
        added.cards++;
      } else if (existing.holder.kind !== holder.kind || existing.holder.id !== holder.id) {
        const who = holderName(db, existing.holder);
        problems.push(rosterProblem(row.line, columnName(row, field), "cardBelongs", { card: cardId, who }));
      }
    };
    bind(row.childCardId, { kind: "child", id: row.childId }, "child_card");
    bind(row.guardianCardId, { kind: "guardian", id: guardian.id }, "guardian_card");
  }

  problems.push(...capacityProblems(work, rows, groupIds));
  if (problems.length > 0) throw importError(dedupe(problems));
  Object.assign(db, work);
  return { added, updated };
}

/** The roster's parts as lists an import may change, without changing `roster`: for a preview. */
export function copyRosterParts(roster: SchoolRoster): RosterParts {
  // applyRoster works on its own deep copy; fresh lists are enough to keep `roster` as it is.
  return {
    rooms: [...roster.rooms],
    groups: [...roster.groups],
    children: [...roster.children],
    guardians: [...roster.guardians],
    guardianships: [...roster.guardianships],
    cards: [...roster.cards],
  };
}

function findOrAddGuardian(
  work: RosterParts,
  row: RosterRow,
  cache: Map<string, string>,
  added: RosterCounts,
  updated: RosterCounts,
): Guardian {
  const key = guardianKey(row);
  const cachedId = cache.get(key);
  const cached = work.guardians.find((g) => g.id === cachedId);
  if (cached !== undefined) return cached;
  let guardian =
    row.phone !== ""
      ? work.guardians.find((g) => g.phone === row.phone)
      : work.guardians.find((g) => g.phone === "" && g.name === row.guardianName);
  if (guardian === undefined) {
    guardian = {
      id: newId("guardian", "", new Set(work.guardians.map((g) => g.id))),
      name: row.guardianName,
      phone: row.phone,
    };
    work.guardians.push(guardian);
    added.guardians++;
  } else if (guardian.name !== row.guardianName) {
    // Same phone, new spelling: the school's latest list wins.
    guardian.name = row.guardianName;
    updated.guardians++;
  }
  cache.set(key, guardian.id);
  return guardian;
}

/** Capacity counts children already in the group, not only those in the file. */
function capacityProblems(
  work: RosterParts,
  rows: readonly RosterRow[],
  groupIds: Map<string, string>,
): RosterProblem[] {
  const problems: RosterProblem[] = [];
  for (const [groupName, groupId] of groupIds) {
    const group = work.groups.find((g) => g.id === groupId);
    const count = work.children.filter((c) => c.groupId === groupId).length;
    if (group === undefined || count <= group.capacity) continue;
    const last = rows.findLast((r) => r.groupName === groupName);
    if (last === undefined) continue;
    problems.push(
      rosterProblem(last.line, columnName(last, "group"), "capacity", {
        group: groupName,
        count,
        max: group.capacity,
      }),
    );
  }
  return problems;
}

function holderName(db: RosterParts, holder: CardHolder): string {
  const name =
    holder.kind === "child"
      ? db.children.find((c) => c.id === holder.id)?.name
      : db.guardians.find((g) => g.id === holder.id)?.name;
  return `${name ?? holder.id} (${holder.kind})`;
}

function dedupe(problems: RosterProblem[]): RosterProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.row}\u0000${p.column}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
