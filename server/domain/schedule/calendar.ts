import { WEEKDAYS, type Weekday } from "../entities";

/**
 * Calendar arithmetic on "YYYY-MM-DD" school days. A school day is a calendar date, not an
 * instant, so this needs no zone: the weekday of 2026-10-01 is the same everywhere.
 */

export function parseDay(day: string): { year: number; month: number; date: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a day "YYYY-MM-DD": ${day}`);
  return { year: Number(m[1]), month: Number(m[2]), date: Number(m[3]) };
}

/** Monday-first weekday names, as the schedule spells them. */
export function weekdayOf(day: string): Weekday {
  const { year, month, date } = parseDay(day);
  const sundayFirst = new Date(Date.UTC(year, month - 1, date)).getUTCDay();
  // getUTCDay() counts from Sunday; WEEKDAYS starts on Monday.
  return WEEKDAYS[(sundayFirst + 6) % 7] as Weekday;
}

/** "MM-DD" of a day, for matching season starts that repeat every year. */
export function monthDayOf(day: string): string {
  parseDay(day);
  return day.slice(5);
}

export function isWeekend(weekday: Weekday): boolean {
  return weekday === "sat" || weekday === "sun";
}
