import { careOnDay } from "../server/domain/enrolment";
import type { SchoolRoster } from "../server/domain/entities";
import { careDayInfo, dayWindows, gradeBandOf, instantAt, scheduleOf } from "../server/domain/schedule";
import { schoolDay } from "../server/domain/school-day";

/** How far back the demo clock looks for a day with care (a long vacation is under 60 days). */
const SEARCH_DAYS = 90;

const DAY_MS = 86_400_000;

type DemoRoster = Pick<SchoolRoster, "schedule" | "settings" | "children" | "enrolments" | "specialCare">;

/**
 * The moment the demo school's afternoon starts on the demo clock: on the latest day with care
 * up to `now` (by the school's own timetable), the moment the last dismissal window of its
 * children's grades opens. Then every demo parent's tap goes straight to the room (none is held
 * as an early pickup), and the late list fills a few minutes later. The day is never in the
 * future, so what a browser compares with its own clock (absences, doses due) already counts as
 * begun.
 */
export function demoAfternoonStart(roster: DemoRoster, now: Date): Date {
  const timezone = roster.settings.timezone;
  const schedule = scheduleOf(roster);
  const today = schoolDay(now, timezone);
  const inCare = careOnDay(roster, today).inCare;
  const bands = new Set(
    roster.children.filter((c) => inCare.has(c.id)).map((c) => gradeBandOf(schedule, c.grade)?.id),
  );
  for (let back = 0; back < SEARCH_DAYS; back++) {
    const day = schoolDay(new Date(now.getTime() - back * DAY_MS), timezone);
    if (!careDayInfo(schedule, day).careDay) continue;
    const opens = dayWindows(schedule, timezone, day)
      .filter((w) => bands.has(w.band.id))
      .map((w) => Date.parse(w.opensAt));
    const start = opens.length > 0 ? Math.max(...opens) : instantAt(day, "16:30", timezone).getTime();
    if (start <= now.getTime()) return new Date(start);
  }
  // A timetable without care in three months: the demo simply follows the real clock.
  return now;
}

/**
 * The clock of a demo school (settings.demo): real time moved back to a school afternoon, so a
 * newcomer sees children check in, parents arrive, releases and collections at any hour, also
 * on a Sunday night. It runs at real speed from there. A real school never gets it: the wiring
 * asks only when `settings.demo` is set, and this function refuses any other roster.
 */
export function demoClock(roster: DemoRoster, realClock: () => Date = () => new Date()): () => Date {
  if (!roster.settings.demo) throw new Error("the demo clock is only for the demo school");
  const started = realClock();
  const offset = demoAfternoonStart(roster, started).getTime() - started.getTime();
  return () => new Date(realClock().getTime() + offset);
}

/** The console line that says which afternoon the demo shows, so nobody mistakes it for today. */
export function formatDemoClock(demoNow: Date, timezone: string): string {
  const shown = new Intl.DateTimeFormat("zh-CN", {
    timeZone: timezone,
    dateStyle: "full",
    timeStyle: "short",
  }).format(demoNow);
  return `  Demo clock 演示时钟: the demo school plays the afternoon of ${shown} (real schools follow the real clock).`;
}
