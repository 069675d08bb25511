import type { CareDayKind } from "../../../protocol/schedule";
import type { Holiday, Schedule, Season, SwappedWorkday, Weekday } from "../entities";
import { isWeekend, monthDayOf, weekdayOf } from "./calendar";

export interface CareDayInfo {
  day: string;
  careDay: boolean;
  kind: CareDayKind;
  /** The holiday's or swapped day's name. */
  name?: string;
  /** The calendar weekday. */
  weekday: Weekday;
  /** The weekday whose timetable runs: differs from `weekday` on a swapped working day. */
  timetable: Weekday;
  season: Season;
}

/**
 * The season a day falls in: the one with the latest start on or before the day's MM-DD, or,
 * before every start in the year, the last season (it began in the previous year).
 */
export function seasonOn(schedule: Schedule, day: string): Season {
  const md = monthDayOf(day);
  const sorted = [...schedule.seasons].sort((a, b) => a.from.localeCompare(b.from));
  let current = sorted[sorted.length - 1];
  for (const season of sorted) {
    if (season.from <= md) current = season;
  }
  // The schema requires at least one season.
  if (current === undefined) throw new RangeError("schedule has no seasons");
  return current;
}

export function holidayOn(schedule: Schedule, day: string): Holiday | undefined {
  // "YYYY-MM-DD" strings compare like the dates they are.
  return schedule.holidays.find((h) => h.from <= day && day <= (h.to ?? h.from));
}

export function swappedWorkdayOn(schedule: Schedule, day: string): SwappedWorkday | undefined {
  return schedule.workdays.find((w) => w.date === day);
}

/**
 * Is there care on this day, and why (not)? A holiday wins over a swapped working day listed for
 * the same date (a school vacation covering a national 调休 Saturday stays a vacation). A swapped
 * day runs the timetable of the weekday it follows, so it has care when that weekday has.
 */
export function careDayInfo(schedule: Schedule, day: string): CareDayInfo {
  const weekday = weekdayOf(day);
  const season = seasonOn(schedule, day);
  const base = { day, weekday, season };
  const holiday = holidayOn(schedule, day);
  if (holiday) return { ...base, careDay: false, kind: "holiday", name: holiday.name, timetable: weekday };
  const swap = swappedWorkdayOn(schedule, day);
  if (swap) {
    const timetable = swap.followsWeekday;
    const careDay = schedule.careDays.includes(timetable);
    return {
      ...base,
      careDay,
      kind: careDay ? "swapped_workday" : "no_care_weekday",
      name: swap.name,
      timetable,
    };
  }
  if (schedule.careDays.includes(weekday))
    return { ...base, careDay: true, kind: "regular", timetable: weekday };
  const kind = isWeekend(weekday) ? "weekend" : "no_care_weekday";
  return { ...base, careDay: false, kind, timetable: weekday };
}
