import type { Schedule } from "../../server/domain/entities";
import { DEFAULT_SCHEDULE } from "../../server/domain/schedule/defaults";
import type { Db } from "../../server/store/schema";
import { smallSchool } from "../domain/fixtures";

/** The walk's day: Monday 2026-11-23, winter time. */
export const WALK_DAY = "2026-11-23";

/** An instant of the walk's day on the school's clock (Shanghai), e.g. at("16:45") or at("17:00:05"). */
export function at(time: string): Date {
  const full = time.length === 5 ? `${time}:00` : time;
  return new Date(`${WALK_DAY}T${full}+08:00`);
}

/**
 * The school's own timetable: the default winter and summer times with care starting at 15:30, so
 * a child not in the room by then is an unexplained absence. Winter: grades 1–2 leave 16:40–16:50
 * and care ends 17:00; grades 3–4 leave 16:50–17:00 and care ends 17:10.
 */
export const WALK_SCHEDULE: Schedule = {
  ...DEFAULT_SCHEDULE,
  seasons: DEFAULT_SCHEDULE.seasons.map((season) => ({
    ...season,
    bands: season.bands.map((band) => ({ ...band, careStarts: "15:30" })),
  })),
};

/**
 * A small school for one whole care day: groups g1 (一二年级, room 101) and g2 (三四年级, room 203).
 * - c1 张小明 (g1) and c2 张小红 (g2): 张妈妈's children, collected with one card tap;
 * - c3 李四 (g1): collected early by 李爸爸;
 * - c4 王小丽 (g1): on leave today (phoned in by her mother);
 * - c5 陈一诺 (g1): withdrawn last term, re-enrolled by the office today; collected late;
 * - c6 刘洋 (g1): collected by a delegate (舅舅) with a pass;
 * - c7 赵小虎 (g1): never arrives, an unexplained absence the teacher resolves.
 */
export function careDaySchool(): Db {
  const db = smallSchool();
  db.schedule = WALK_SCHEDULE;
  db.children.push(
    { id: "c4", name: "王小丽", grade: 2, className: "2班", groupId: "g1" },
    { id: "c5", name: "陈一诺", grade: 2, className: "2班", groupId: "g1" },
    { id: "c6", name: "刘洋", grade: 1, className: "3班", groupId: "g1" },
    { id: "c7", name: "赵小虎", grade: 2, className: "1班", groupId: "g1" },
  );
  db.guardians.push(
    { id: "p4", name: "王妈妈", phone: "13800000004" },
    { id: "p5", name: "陈妈妈", phone: "13800000005" },
    { id: "p6", name: "刘妈妈", phone: "13800000006" },
    { id: "p7", name: "赵爸爸", phone: "13800000007" },
  );
  db.guardianships.push(
    { childId: "c4", guardianId: "p4", relation: "妈妈" },
    { childId: "c5", guardianId: "p5", relation: "妈妈" },
    { childId: "c6", guardianId: "p6", relation: "妈妈" },
    { childId: "c7", guardianId: "p7", relation: "爸爸" },
  );
  db.cards.push(
    { id: "0000000005", holder: { kind: "guardian", id: "p5" }, status: "active" },
    { id: "0000000016", holder: { kind: "child", id: "c6" }, status: "active" },
  );
  db.enrolments = [
    ...(db.enrolments ?? []),
    {
      id: "e-c5-spring",
      childId: "c5",
      application: { date: "2026-02-24", by: "陈妈妈" },
      approval: { date: "2026-02-26", by: "教导处" },
      agreement: { signedOn: "2026-02-27" },
      withdrawal: { requestedOn: "2026-06-20", effectiveFrom: "2026-06-21", reason: "暑假后再说" },
      recordedBy: "admin",
      updatedAt: "2026-06-20T08:00:00.000Z",
    },
  ];
  return db;
}
