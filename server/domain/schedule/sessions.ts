import type { CareSession, Schedule } from "../entities";
import { careDayInfo } from "./care-day";
import { instantAt, isoInZone } from "./zone-time";

export interface SessionOnDay {
  session: CareSession;
  startsAt: string;
  endsAt: string;
}

/**
 * The morning and noon sessions held on a day, earliest first: only on care days, filtered by the
 * timetable's weekday (a swapped Saturday that follows Monday gets Monday's sessions) and season.
 */
export function sessionsOn(schedule: Schedule, timezone: string, day: string): SessionOnDay[] {
  const info = careDayInfo(schedule, day);
  if (!info.careDay) return [];
  const at = (time: string) => isoInZone(instantAt(day, time, timezone), timezone);
  return schedule.sessions
    .filter((s) => s.weekdays === undefined || s.weekdays.includes(info.timetable))
    .filter((s) => s.seasons === undefined || s.seasons.includes(info.season.id))
    .sort((a, b) => a.starts.localeCompare(b.starts))
    .map((session) => ({ session, startsAt: at(session.starts), endsAt: at(session.ends) }));
}
