import { DEFAULT_SCHEDULE } from "../../server/domain/schedule";
import type { Db } from "../../server/store/schema";
import { smallSchool } from "./fixtures";

/** The small school with care starting at 15:30 for every band and one child on medication. */
export function roomSchool(): Db {
  const db = smallSchool();
  const schedule = structuredClone(DEFAULT_SCHEDULE);
  for (const season of schedule.seasons) for (const band of season.bands) band.careStarts = "15:30";
  db.schedule = schedule;
  const c1 = db.children.find((c) => c.id === "c1");
  if (c1) {
    c1.health = {
      allergies: ["花生"],
      diet: ["不吃猪肉"],
      medications: [{ id: "ibu", name: "布洛芬混悬液", dose: "5 ml", times: ["16:30"] }],
    };
  }
  return db;
}

/** 15:00, 15:45 and 16:45 in Shanghai on DAY (2026-11-23). */
export const BEFORE_CARE = new Date("2026-11-23T07:00:00Z");
export const AFTER_CARE_START = new Date("2026-11-23T07:45:00Z");
export const AFTER_DOSE = new Date("2026-11-23T08:45:00Z");
export const teacher = { kind: "user" as const, id: "u-t1" };
