import type { ImportProblemCode } from "../../protocol/admin";
import { rosterProblem } from "./roster-problem";
import {
  columnName,
  DEFAULT_GROUP_CAPACITY,
  type RosterField,
  type RosterProblem,
  type RosterRow,
} from "./roster-row";

/**
 * Checks across rows of one file: the same child described the same way on every row, one
 * guardian per phone, a card in one person's hand, no group above its capacity. Each problem is
 * reported on the later row, which is the one a person will look at after reading the earlier.
 */

/** Who a guardian is within a file: the phone when given, else the name. */
export function guardianKey(row: RosterRow): string {
  return row.phone !== "" ? `phone:${row.phone}` : `name:${row.guardianName}`;
}

export interface CheckOptions {
  /** Capacity of a care group by name; DEFAULT_GROUP_CAPACITY when undefined. */
  capacityOf?: (groupName: string) => number | undefined;
}

export function checkRosterRows(rows: readonly RosterRow[], options: CheckOptions = {}): RosterProblem[] {
  const problems: RosterProblem[] = [];
  const report = (
    row: RosterRow,
    field: RosterField,
    problem: ImportProblemCode,
    params: Record<string, string | number>,
  ) => problems.push(rosterProblem(row.line, columnName(row, field), problem, params));

  const children = new Map<string, RosterRow>();
  const groupRooms = new Map<string, RosterRow>();
  const guardians = new Map<string, RosterRow>();
  const pairs = new Map<string, RosterRow>();
  const cards = new Map<string, { holder: string; who: string; row: RosterRow }>();
  const groupChildren = new Map<string, Set<string>>();

  const claimCard = (row: RosterRow, field: RosterField, cardId: string, holder: string, who: string) => {
    const earlier = cards.get(cardId);
    if (earlier === undefined) cards.set(cardId, { holder, who, row });
    else if (earlier.holder !== holder) {
      report(row, field, "cardGiven", { card: cardId, who: earlier.who, row: earlier.row.line });
    }
  };

  for (const row of rows) {
    const child = children.get(row.childId);
    if (child === undefined) children.set(row.childId, row);
    else {
      const differs = (field: RosterField, a: unknown, b: unknown) => {
        if (a !== b)
          report(row, field, "childDiffers", {
            child: row.childId,
            here: String(b),
            there: String(a),
            row: child.line,
          });
      };
      differs("child_name", child.childName, row.childName);
      differs("grade", child.grade, row.grade);
      differs("class", child.className, row.className);
      differs("group", child.groupName, row.groupName);
      if (child.childCardId !== undefined && row.childCardId !== undefined) {
        differs("child_card", child.childCardId, row.childCardId);
      }
      // A card given on a later row only is still the child's card.
      if (child.childCardId === undefined && row.childCardId !== undefined) children.set(row.childId, row);
    }

    const groupRoom = groupRooms.get(row.groupName);
    if (groupRoom === undefined) groupRooms.set(row.groupName, row);
    else if (groupRoom.roomName !== row.roomName) {
      report(row, "room", "groupRoom", {
        group: row.groupName,
        room: groupRoom.roomName,
        row: groupRoom.line,
        other: row.roomName,
      });
    }

    const key = guardianKey(row);
    const guardian = guardians.get(key);
    if (guardian === undefined) guardians.set(key, row);
    else {
      if (guardian.guardianName !== row.guardianName) {
        report(row, "guardian_name", "phoneOwner", {
          phone: row.phone,
          who: guardian.guardianName,
          row: guardian.line,
        });
      }
      if (guardian.guardianCardId !== undefined && row.guardianCardId !== undefined) {
        if (guardian.guardianCardId !== row.guardianCardId) {
          report(row, "guardian_card", "guardianCard", {
            who: row.guardianName,
            card: guardian.guardianCardId,
            row: guardian.line,
          });
        }
      } else if (row.guardianCardId !== undefined) guardians.set(key, row);
    }

    const pairKey = `${row.childId}\u0000${key}`;
    const pair = pairs.get(pairKey);
    if (pair === undefined) pairs.set(pairKey, row);
    else if (pair.relation !== row.relation) {
      report(row, "relation", "relationDiffers", {
        who: row.guardianName,
        relation: pair.relation,
        child: row.childName,
        row: pair.line,
      });
    }

    if (row.childCardId !== undefined) {
      claimCard(
        row,
        "child_card",
        row.childCardId,
        `child:${row.childId}`,
        `${row.childName} (${row.childId})`,
      );
    }
    if (row.guardianCardId !== undefined)
      claimCard(row, "guardian_card", row.guardianCardId, key, row.guardianName);

    const members = groupChildren.get(row.groupName) ?? new Set<string>();
    groupChildren.set(row.groupName, members);
    if (!members.has(row.childId)) {
      members.add(row.childId);
      const capacity = options.capacityOf?.(row.groupName) ?? DEFAULT_GROUP_CAPACITY;
      if (members.size === capacity + 1) {
        report(row, "group", "full", { group: row.groupName, max: capacity });
      }
    }
  }
  return problems;
}
