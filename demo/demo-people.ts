import { em4100CardId } from "../protocol";
import type { Card, Child, Guardian, Guardianship } from "../server/domain/entities";

/**
 * The demo school's children and guardians, generated deterministically from name lists so every
 * demo looks the same and a screenshot in the docs matches what a newcomer sees.
 */

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗".split("");
const CHILD_GIVEN = [
  "子涵",
  "欣怡",
  "梓萱",
  "浩然",
  "宇轩",
  "雨桐",
  "一诺",
  "子轩",
  "思彤",
  "俊杰",
  "诗涵",
  "明轩",
  "佳怡",
  "博文",
  "可馨",
  "天佑",
  "若曦",
  "嘉懿",
  "睿泽",
  "语嫣",
  "晨阳",
  "梦琪",
  "家豪",
  "雅琪",
  "志远",
];
const MOTHER_GIVEN = ["丽", "娜", "静", "敏", "燕", "芳", "红", "霞", "婷", "慧"];
const FATHER_GIVEN = ["伟", "强", "军", "磊", "勇", "杰", "涛", "斌", "鹏", "超"];
const GRANDMOTHER_GIVEN = ["秀英", "桂兰", "玉兰", "凤英", "淑珍"];
const GRANDFATHER_GIVEN = ["建国", "国强", "德明", "福生"];

export interface DemoGroupPlan {
  groupId: string;
  grades: readonly number[];
  size: number;
}

export interface DemoPeople {
  children: Child[];
  guardians: Guardian[];
  guardianships: Guardianship[];
  cards: Card[];
}

/** Small deterministic generator for card bytes (mulberry32), independent of Math.random. */
function bytesSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % 256;
  };
}

/**
 * The first `siblings` children of the first group have a brother or sister in the second group
 * with the same guardians: the gate then shows one tap requesting children from two rooms.
 */
export function buildDemoPeople(plan: readonly DemoGroupPlan[], siblings: number): DemoPeople {
  const people: DemoPeople = { children: [], guardians: [], guardianships: [], cards: [] };
  const nextByte = bytesSource(2025);
  const usedCards = new Set<string>();
  const newCard = (holder: Card["holder"], status: Card["status"] = "active") => {
    for (;;) {
      // The first tag byte stays in 0x10–0xEF so no demo card can look like a made-up test number.
      const bytes = [nextByte(), 0x10 + (nextByte() % 0xe0), nextByte(), nextByte(), nextByte()];
      const id = em4100CardId(bytes);
      if (usedCards.has(id)) continue;
      usedCards.add(id);
      people.cards.push({ id, holder, status });
      return id;
    }
  };

  const usedNames = new Set<string>();
  let nameSeed = 0;
  const childName = (surname: string) => {
    for (;;) {
      const name = surname + CHILD_GIVEN[(nameSeed++ * 7) % CHILD_GIVEN.length];
      if (!usedNames.has(name)) {
        usedNames.add(name);
        return name;
      }
    }
  };

  let guardianNo = 0;
  const addGuardian = (name: string, childIds: string[], relation: string) => {
    guardianNo++;
    const guardian = {
      id: `guardian-${guardianNo}`,
      name,
      phone: `1390000${String(guardianNo).padStart(4, "0")}`,
    };
    people.guardians.push(guardian);
    for (const childId of childIds) people.guardianships.push({ childId, guardianId: guardian.id, relation });
    newCard({ kind: "guardian", id: guardian.id });
    return guardian;
  };

  // Each family: its children's ids and the surname they share.
  const families: { surname: string; childIds: string[] }[] = [];
  plan.forEach((group, groupIndex) => {
    for (let i = 0; i < group.size; i++) {
      const grade = group.grades[i % group.grades.length] ?? 1;
      const classNo = (Math.floor(i / group.grades.length) % 2) + 1;
      const seq = String(groupIndex * 50 + i + 1).padStart(2, "0");
      const id = `${2026 - grade}${String(classNo).padStart(2, "0")}${seq}`;
      const sibling = groupIndex === 1 && i < siblings ? families[i] : undefined;
      const family = sibling ?? {
        surname: SURNAMES[families.length % SURNAMES.length] ?? "王",
        childIds: [],
      };
      if (sibling === undefined) families.push(family);
      family.childIds.push(id);
      people.children.push({
        id,
        name: childName(family.surname),
        grade,
        className: `${classNo}班`,
        groupId: group.groupId,
      });
      newCard({ kind: "child", id });
    }
  });

  families.forEach(({ surname, childIds }, f) => {
    const motherSurname = SURNAMES[(f * 3 + 5) % SURNAMES.length] ?? "李";
    addGuardian(`${motherSurname}${MOTHER_GIVEN[f % MOTHER_GIVEN.length]}`, childIds, "妈妈");
    if (f % 2 === 0) addGuardian(`${surname}${FATHER_GIVEN[f % FATHER_GIVEN.length]}`, childIds, "爸爸");
    if (f % 3 === 0)
      addGuardian(`${surname}${GRANDMOTHER_GIVEN[f % GRANDMOTHER_GIVEN.length]}`, childIds, "奶奶");
    if (f % 5 === 1)
      addGuardian(`${surname}${GRANDFATHER_GIVEN[f % GRANDFATHER_GIVEN.length]}`, childIds, "爷爷");
    if (f % 7 === 2) {
      addGuardian(
        `${motherSurname}${GRANDMOTHER_GIVEN[(f + 1) % GRANDMOTHER_GIVEN.length]}`,
        childIds,
        "外婆",
      );
    }
  });
  return people;
}
