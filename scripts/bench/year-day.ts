import { randomUUID } from "node:crypto";
import type { Reading, TapResult } from "../../protocol";
import type { Actor, DayEvent } from "../../server/domain/events";
import type { PreparedSchool } from "./prepare-school";
import { type BenchRoster, roomDeviceId } from "./roster";
import { localClock } from "./school-days";

/** One child of the school as its day's events name it. */
export interface CastMember {
  childId: string;
  childName: string;
  groupId: string;
  childCardId: string;
  guardianId: string;
  guardianName: string;
  guardianCardId: string;
}

export function castOf(roster: BenchRoster): CastMember[] {
  const names = new Map(roster.db.children.map((c) => [c.id, c.name]));
  const guardianOf = new Map(roster.db.guardianships.map((g) => [g.childId, g.guardianId]));
  const guardianNames = new Map(roster.db.guardians.map((g) => [g.id, g.name]));
  return [...roster.childrenByGroup.values()].flat().map((child) => {
    const guardianId = guardianOf.get(child.childId) ?? "";
    return {
      childId: child.childId,
      childName: names.get(child.childId) ?? child.childId,
      groupId: child.groupId,
      childCardId: child.childCardId,
      guardianId,
      guardianName: guardianNames.get(guardianId) ?? guardianId,
      guardianCardId: child.guardianCardId,
    };
  });
}

/** Deterministic numbers in [0, 1) (mulberry32): the same day always gets the same events. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const LEAVE_REASONS = ["看病", "家中有事", "发烧", "参加比赛"];

/**
 * A day at the school as the server would have journalled it: most children check in at their
 * room's reader (some by a teacher's touch), a few are on leave or absent; a guardian's card at
 * the gate requests each child, the teacher releases them, and the guard's touch or the child's
 * own card at the gate confirms the collection. Events come in time order, taps before what
 * they caused, with the ids a tap's consequences get (`<tapId>#1`).
 */
export function dayEvents(
  day: string,
  seed: number,
  idPrefix: string,
  cast: readonly CastMember[],
  school: PreparedSchool,
): DayEvent[] {
  const rand = random(seed);
  // A UUID whose first group is the day's: unique across days, and easy to retarget (year-journal.ts).
  const newId = () => `${idPrefix}${randomUUID().slice(8)}`;
  const at = localClock(day, school.timezone);
  const gateIds = school.gates.map((g) => g.deviceId);
  const teacher: Actor = { kind: "user", id: school.admin.userId };
  const guard: Actor = { kind: "user", id: school.guard.userId };
  const timed: { ms: number; events: DayEvent[] }[] = [];
  const add = (ms: number, ...events: DayEvent[]) => timed.push({ ms, events });
  const base = (ms: number, actor: Actor) => ({ day, at: new Date(ms).toISOString(), actor });
  const tap = (ms: number, deviceId: string, cardId: string, result: TapResult) => {
    const id = newId();
    const reading: Reading = { kind: "card", cardId };
    const event: DayEvent = {
      ...base(ms, { kind: "device", id: deviceId }),
      id,
      type: "tap:received",
      tapId: id,
      deviceId,
      readerId: "ttyUSB0",
      tapAt: new Date(ms - 40).toISOString(),
      reading,
      rawHex: `01${Number(cardId).toString(16).padStart(8, "0")}`,
      result,
    };
    return event;
  };

  for (const c of cast) {
    const roll = rand();
    if (roll < 0.02) continue; // absent without a word
    const checkInMs = at(15 * 60 + 30 + rand() * 25);
    if (roll < 0.04) {
      add(checkInMs, {
        ...base(checkInMs, teacher),
        id: newId(),
        type: "leave:recorded",
        childId: c.childId,
        reason: LEAVE_REASONS[Math.floor(rand() * LEAVE_REASONS.length)] ?? "",
        requestedBy: `${c.guardianName}（家长）`,
      });
      continue;
    }
    if (rand() < 0.75) {
      const deviceId = roomDeviceId(c.groupId);
      const t = tap(checkInMs, deviceId, c.childCardId, {
        kind: "check_in",
        childId: c.childId,
        childName: c.childName,
        outcome: "checked_in",
      });
      const checkIn = { ...base(checkInMs, t.actor), id: `${t.id}#1`, childId: c.childId };
      add(checkInMs, t, { ...checkIn, type: "child:checked_in", via: "card" });
    } else {
      add(checkInMs, {
        ...base(checkInMs, teacher),
        id: newId(),
        type: "child:checked_in",
        childId: c.childId,
        via: "touch",
      });
    }

    const gateId = gateIds[Math.floor(rand() * gateIds.length)] ?? "";
    const requestMs = at(16 * 60 + 30 + rand() * 120);
    if (rand() < 0.97) {
      const t = tap(requestMs, gateId, c.guardianCardId, {
        kind: "pickup",
        guardianId: c.guardianId,
        guardianName: c.guardianName,
        children: [{ childId: c.childId, childName: c.childName, outcome: "requested" }],
      });
      add(requestMs, t, {
        ...base(requestMs, t.actor),
        id: `${t.id}#1`,
        type: "pickup:requested",
        childId: c.childId,
        guardianId: c.guardianId,
        deviceId: gateId,
      });
    }
    const releaseMs = requestMs + (1 + rand() * 3) * 60_000;
    add(releaseMs, {
      ...base(releaseMs, teacher),
      id: newId(),
      type: "child:released",
      childId: c.childId,
    });
    const collectMs = releaseMs + (1 + rand() * 4) * 60_000;
    if (rand() < 0.6) {
      add(collectMs, {
        ...base(collectMs, guard),
        id: newId(),
        type: "child:collected",
        childId: c.childId,
        via: "touch",
      });
    } else {
      const t = tap(collectMs, gateId, c.childCardId, {
        kind: "exit",
        childId: c.childId,
        childName: c.childName,
        outcome: "collected",
      });
      add(collectMs, t, {
        ...base(collectMs, t.actor),
        id: `${t.id}#1`,
        type: "child:collected",
        childId: c.childId,
        via: "card",
        deviceId: gateId,
      });
    }
  }
  // Stable: a tap stays before its consequences.
  timed.sort((a, b) => a.ms - b.ms);
  return timed.flatMap((t) => t.events);
}
