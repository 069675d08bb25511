import type { Schedule } from "../domain/entities";
import { careDayInfo } from "../domain/schedule/care-day";
import { sessionsOn } from "../domain/schedule/sessions";
import { instantAt } from "../domain/schedule/zone-time";

/**
 * Staff attendance (考勤, SPEC rule 13) as pure arithmetic: sign-ins and sign-outs of a month and
 * the school's schedule in, minutes and periods (课时) per person out. A period is a care session
 * of the day: the afternoon care (earliest class end of the season to its latest care end) and any
 * morning or noon session. Time signed in counts towards a period only inside it; a period is
 * served (one 课时) when the person was signed in for at least half of it.
 */

export interface AttendanceMark {
  userId: string;
  day: string;
  /** ISO instant. */
  at: string;
  action: "in" | "out";
}

export interface Period {
  id: string;
  name: string;
  kind: "afternoon" | "morning" | "noon";
  /** Epoch ms; an afternoon without class end times starts at the first sign-in of the day. */
  start: number | undefined;
  end: number;
}

export interface PeriodTotal {
  id: string;
  name: string;
  kind: Period["kind"];
  /** Periods served (课时). */
  count: number;
  minutes: number;
}

export interface StaffMonth {
  userId: string;
  /** Days with any attendance. */
  days: number;
  periods: PeriodTotal[];
  /** Minutes inside periods: what counts towards pay. */
  periodMinutes: number;
  /** Minutes signed in, inside periods or not (staying with a late child shows here). */
  signedMinutes: number;
  /** Days where a sign-in had no sign-out: counted until the end of the day's last period. */
  missingSignOuts: string[];
}

export const AFTERNOON_PERIOD = "afternoon";

/** The care periods of a day, earliest first; none on a day without care. */
export function periodsOn(schedule: Schedule, timezone: string, day: string): Period[] {
  const info = careDayInfo(schedule, day);
  if (!info.careDay) return [];
  const at = (time: string) => instantAt(day, time, timezone).getTime();
  const periods: Period[] = sessionsOn(schedule, timezone, day).map(({ session }) => ({
    id: session.id,
    name: session.name,
    kind: session.kind,
    start: at(session.starts),
    end: at(session.ends),
  }));
  const bands = info.season.bands;
  const starts = bands.map((b) => b.careStarts).filter((s): s is string => s !== undefined);
  const ends = bands.map((b) => b.careEnds).sort();
  const lastEnd = ends[ends.length - 1];
  if (lastEnd !== undefined) {
    periods.push({
      id: AFTERNOON_PERIOD,
      name: info.season.name,
      kind: "afternoon",
      start: starts.length > 0 ? at([...starts].sort()[0] as string) : undefined,
      end: at(lastEnd),
    });
  }
  return periods.sort((a, b) => (a.start ?? a.end) - (b.start ?? b.end));
}

interface Interval {
  start: number;
  end: number;
}

/** Pairs one person's marks of one day into intervals; an unclosed sign-in ends at `dayEnd`. */
export function intervalsOf(
  marks: readonly AttendanceMark[],
  dayEnd: number,
): { intervals: Interval[]; open: boolean } {
  const sorted = [...marks].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const intervals: Interval[] = [];
  let openedAt: number | undefined;
  for (const mark of sorted) {
    const t = Date.parse(mark.at);
    if (mark.action === "in") openedAt ??= t;
    else if (openedAt !== undefined) {
      intervals.push({ start: openedAt, end: t });
      openedAt = undefined;
    }
  }
  const open = openedAt !== undefined;
  if (openedAt !== undefined) intervals.push({ start: openedAt, end: Math.max(openedAt, dayEnd) });
  return { intervals, open };
}

function overlapMs(a: Interval, start: number, end: number): number {
  return Math.max(0, Math.min(a.end, end) - Math.max(a.start, start));
}

/** Every person's month, in the order people first appear. */
export function staffMonth(
  marks: readonly AttendanceMark[],
  schedule: Schedule,
  timezone: string,
  /** Epoch ms of now: today's open sign-in counts until now and is not a missing sign-out yet. */
  now?: number,
): StaffMonth[] {
  const byUser = new Map<string, Map<string, AttendanceMark[]>>();
  for (const mark of marks) {
    const days = byUser.get(mark.userId) ?? new Map<string, AttendanceMark[]>();
    byUser.set(mark.userId, days);
    days.set(mark.day, [...(days.get(mark.day) ?? []), mark]);
  }
  const result: StaffMonth[] = [];
  for (const [userId, days] of byUser) {
    const totals = new Map<string, PeriodTotal>();
    let periodMs = 0;
    let signedMs = 0;
    const missingSignOuts: string[] = [];
    for (const [day, dayMarks] of [...days].sort(([a], [b]) => a.localeCompare(b))) {
      const periods = periodsOn(schedule, timezone, day);
      const last = periods[periods.length - 1];
      const dayEnd = last?.end ?? 0;
      const stillToday = now !== undefined && now < dayEnd;
      const { intervals, open } = intervalsOf(dayMarks, stillToday ? now : dayEnd);
      if (open && !stillToday) missingSignOuts.push(day);
      for (const interval of intervals) signedMs += interval.end - interval.start;
      const firstIn = intervals[0]?.start;
      for (const period of periods) {
        const start = period.start ?? firstIn ?? period.end;
        const served = intervals.reduce((ms, i) => ms + overlapMs(i, start, period.end), 0);
        if (served === 0) continue;
        periodMs += served;
        const total = totals.get(period.id) ?? {
          id: period.id,
          name: period.name,
          kind: period.kind,
          count: 0,
          minutes: 0,
        };
        total.minutes += served / 60_000;
        if (served * 2 >= period.end - start) total.count += 1;
        totals.set(period.id, total);
      }
    }
    result.push({
      userId,
      days: days.size,
      periods: [...totals.values()].map((p) => ({ ...p, minutes: Math.round(p.minutes) })),
      periodMinutes: Math.round(periodMs / 60_000),
      signedMinutes: Math.round(signedMs / 60_000),
      missingSignOuts,
    });
  }
  return result;
}
