import { createHash } from "node:crypto";
import { em4100CardId } from "../../protocol";
import { type Db, emptyDb } from "../../server/store/schema";
import { ANY_TIME_SCHEDULE } from "../../test/support/any-time-schedule";

export const GROUP_SIZE = 30;

/** One child of the generated school, with what the bench needs to tap for them. */
export interface BenchChild {
  childId: string;
  groupId: string;
  guardianCardId: string;
  childCardId: string;
}

export interface BenchRoster {
  db: Db;
  groupIds: string[];
  /** Children per group, in roster order. */
  childrenByGroup: Map<string, BenchChild[]>;
}

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱"];
const GIVEN = ["子涵", "欣怡", "梓萱", "浩然", "宇轩", "一诺", "思远", "雨桐", "俊杰", "佳怡", "明轩"];
const RELATIONS = ["妈妈", "爸爸", "奶奶", "爷爷", "外婆", "外公"];

/** EM4100 card: the version byte is not part of the id; the low 32 bits are. */
function cardId(version: number, serial: number): string {
  return em4100CardId([
    version,
    (serial >>> 24) & 0xff,
    (serial >>> 16) & 0xff,
    (serial >>> 8) & 0xff,
    serial & 0xff,
  ]);
}

export function roomDeviceId(groupId: string): string {
  return `device-room-${groupId}`;
}

function pick<T>(items: readonly T[], index: number): T {
  const item = items[index % items.length];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

/**
 * A school of `childCount` children in care groups of at most 30, one room per group; one
 * guardian per child with one card, one card per child, and a reader in every room.
 * Deterministic: the same count always gives the same roster.
 */
export function buildBenchRoster(childCount: number): BenchRoster {
  const db = emptyDb({ schoolName: "晚风基准测试学校 (bench)", debounceMs: 3000 });
  // The bench taps at whatever time it is run: every tap must be a pickup request, not an early
  // pickup waiting for the guard (rule 7), so the dismissal window is open all day.
  db.schedule = ANY_TIME_SCHEDULE;
  const groupCount = Math.ceil(childCount / GROUP_SIZE);
  const groupIds: string[] = [];
  const childrenByGroup = new Map<string, BenchChild[]>();

  for (let g = 0; g < groupCount; g++) {
    const roomId = `room-${g + 1}`;
    const groupId = `g${g + 1}`;
    db.rooms.push({
      id: roomId,
      name: `${Math.floor(g / 20) + 1}${String((g % 20) + 1).padStart(2, "0")} 教室`,
    });
    db.groups.push({ id: groupId, name: `托管${g + 1}组`, roomId, capacity: GROUP_SIZE });
    groupIds.push(groupId);
    childrenByGroup.set(groupId, []);
    // Each room has its reader, where children check in on the year's generated days. The token
    // is never used: the bench sends no room taps.
    db.devices.push({
      id: roomDeviceId(groupId),
      name: `${g + 1}组读卡器`,
      kind: "room",
      groupId,
      tokenHash: createHash("sha256").update(`unused-${groupId}`).digest("hex"),
      createdAt: "2025-08-25T00:00:00.000Z",
    });
  }

  for (let i = 0; i < childCount; i++) {
    const groupId = groupIds[Math.floor(i / GROUP_SIZE)];
    if (groupId === undefined) throw new Error(`no group for child ${i}`);
    const childId = `S${String(i + 1).padStart(6, "0")}`;
    const guardianId = `P${String(i + 1).padStart(6, "0")}`;
    const grade = (i % 6) + 1;
    const surname = pick(SURNAMES, i);
    db.children.push({
      id: childId,
      name: `${surname}${pick(GIVEN, Math.floor(i / SURNAMES.length))}`,
      grade,
      className: `${grade}年级${(Math.floor(i / 6) % 8) + 1}班`,
      groupId,
    });
    db.guardians.push({
      id: guardianId,
      name: `${surname}${pick(GIVEN, i + 3)}`,
      phone: `138${String(i).padStart(8, "0")}`,
    });
    db.guardianships.push({ childId, guardianId, relation: pick(RELATIONS, i) });
    const guardianCardId = cardId(0x01, 0x10000000 + i);
    const childCardId = cardId(0x02, 0x20000000 + i);
    db.cards.push({ id: guardianCardId, holder: { kind: "guardian", id: guardianId }, status: "active" });
    db.cards.push({ id: childCardId, holder: { kind: "child", id: childId }, status: "active" });
    childrenByGroup.get(groupId)?.push({ childId, groupId, guardianCardId, childCardId });
  }
  return { db, groupIds, childrenByGroup };
}

/**
 * The children whose guardians tap: taken round-robin over the given groups (those with a kiosk
 * listening), so consecutive taps land in different groups as at a real gate.
 */
export function pickTapChildren(
  roster: BenchRoster,
  groupIds: readonly string[],
  count: number,
): BenchChild[] {
  const lists = groupIds.map((id) => roster.childrenByGroup.get(id) ?? []);
  const available = lists.reduce((n, list) => n + list.length, 0);
  if (count > available) {
    throw new Error(
      `${count} taps need ${count} children in groups with a kiosk, but those ${groupIds.length} groups ` +
        `have ${available}: use more --children or --screens, or fewer --taps or --warmup`,
    );
  }
  const picked: BenchChild[] = [];
  for (let round = 0; picked.length < count; round++) {
    for (const list of lists) {
      const child = list[round];
      if (child !== undefined && picked.length < count) picked.push(child);
    }
  }
  return picked;
}
