import type { Schedule } from "../../server/domain/entities";
import type { Db } from "../../server/store/schema";
import { smallSchool } from "../domain/fixtures";

/**
 * A schedule whose dismissal window is open all day, every day: for tests that tap cards at the
 * real time of day and are about something other than the timetable. Without it a guardian's tap
 * at 14:00 is an early pickup (rule 7) and one on a Saturday is "no care today". Tests of the
 * timetable itself inject a clock instead (startServer's `clock`).
 */
export const ANY_TIME_SCHEDULE: Schedule = {
  careDays: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
  bands: [{ id: "all", name: "全校", grades: [1, 2, 3, 4, 5, 6, 7, 8, 9] }],
  seasons: [
    {
      id: "always",
      name: "全年",
      from: "01-01",
      bands: [{ band: "all", dismissalOpens: "00:00", dismissalCloses: "23:58", careEnds: "23:59" }],
    },
  ],
  holidays: [],
  workdays: [],
  sessions: [],
};

/** The small test school with ANY_TIME_SCHEDULE. */
export function anyTimeSchool(db: Db = smallSchool()): Db {
  db.schedule = ANY_TIME_SCHEDULE;
  return db;
}
