import { randomUUID } from "node:crypto";
import type { Reading, TapReport } from "../../protocol";
import { applyEvent, type DayState, emptyDay } from "../../server/domain/day-state";
import type { Device } from "../../server/domain/entities";
import { buildRosterIndex, type RosterIndex } from "../../server/domain/roster-index";
import { decideTap } from "../../server/domain/tap-decision";
import { type Db, emptyDb } from "../../server/store/schema";

/** A small school: two groups, three children, two guardians (one with a child in each group). */
export function smallSchool(): Db {
  const db = emptyDb({ debounceMs: 3000, timezone: "Asia/Shanghai" });
  db.rooms.push({ id: "r1", name: "101" }, { id: "r2", name: "203" });
  db.groups.push({ id: "g1", name: "一二年级", roomId: "r1", capacity: 30 });
  db.groups.push({ id: "g2", name: "三四年级", roomId: "r2", capacity: 30 });
  db.children.push(
    { id: "c1", name: "张小明", grade: 1, className: "1班", groupId: "g1" },
    { id: "c2", name: "张小红", grade: 3, className: "2班", groupId: "g2" },
    { id: "c3", name: "李四", grade: 2, className: "1班", groupId: "g1" },
  );
  db.guardians.push(
    { id: "p1", name: "张妈妈", phone: "13800000001" },
    { id: "p2", name: "李爸爸", phone: "2" },
  );
  db.guardianships.push(
    { childId: "c1", guardianId: "p1", relation: "妈妈" },
    { childId: "c2", guardianId: "p1", relation: "妈妈" },
    { childId: "c3", guardianId: "p2", relation: "爸爸" },
  );
  db.cards.push(
    { id: "0000000001", holder: { kind: "guardian", id: "p1" }, status: "active" },
    { id: "0000000002", holder: { kind: "guardian", id: "p2" }, status: "active" },
    { id: "0000000099", holder: { kind: "guardian", id: "p2" }, status: "lost" },
    { id: "0000000011", holder: { kind: "child", id: "c1" }, status: "active" },
    { id: "0000000012", holder: { kind: "child", id: "c2" }, status: "active" },
    { id: "0000000013", holder: { kind: "child", id: "c3" }, status: "active" },
  );
  db.devices.push(gate, room1);
  return db;
}

export const gate: Device = { id: "d-gate", name: "南门", kind: "gate", tokenHash: "x", createdAt: "" };
export const room1: Device = {
  id: "d-r1",
  name: "101 reader",
  kind: "room",
  groupId: "g1",
  tokenHash: "y",
  createdAt: "",
};

export const DAY = "2026-11-23";
/**
 * 16:55 in Shanghai on DAY (a Monday in winter time): grades 1–2 are past their 16:40–16:50 window
 * and grade 3 is inside its 16:50–17:00 one, so every pickup is an ordinary one. Care ends at 17:00
 * (grades 1–2) and 17:10 (grade 3); before 16:40 a grade 1 pickup is early (see gate-*.test.ts).
 */
export const AFTERNOON = new Date("2026-11-23T08:55:00Z");

export function report(reading: Reading | string, at: Date = AFTERNOON): TapReport {
  const r: Reading = typeof reading === "string" ? { kind: "card", cardId: reading } : reading;
  return { id: randomUUID(), readerId: "ttyV0", at: at.toISOString(), reading: r };
}

export function world(db: Db = smallSchool()): { roster: RosterIndex; state: DayState } {
  return { roster: buildRosterIndex(db), state: emptyDay(DAY) };
}

/** Decides a tap and folds its events in, as the day service does. */
export function tap(
  w: { roster: RosterIndex; state: DayState },
  device: Device,
  cardOrReading: Reading | string,
  at = AFTERNOON,
) {
  const decision = decideTap({ ...w, device, report: report(cardOrReading, at), now: at });
  for (const e of decision.events) applyEvent(w.state, e);
  return decision;
}
