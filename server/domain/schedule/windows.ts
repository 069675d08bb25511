import type { BandTimes, GradeBand, Schedule } from "../entities";
import { schoolDay } from "../school-day";
import { careDayInfo } from "./care-day";
import { instantAt, isoInZone } from "./zone-time";

export function gradeBandOf(schedule: Schedule, grade: number): GradeBand | undefined {
  return schedule.bands.find((b) => b.grades.includes(grade));
}

/** One band's dismissal on one day, as instants with the school's offset and as its clock shows them. */
export interface DismissalWindow {
  band: GradeBand;
  times: BandTimes;
  opensAt: string;
  closesAt: string;
  careEndsAt: string;
}

/**
 * Windows depend only on (schedule, zone, day), but the gate's late list asks for them once per
 * child after every event: converting wall times through Intl each time cost milliseconds per tap
 * with a few thousand children. They are computed once per schedule document, zone and day; a
 * roster change brings a new schedule object and so a fresh cache (the old one is collected).
 */
const windowCache = new WeakMap<Schedule, Map<string, readonly DismissalWindow[]>>();

/** Every band's window on a day, in the schedule's band order; empty when there is no care. */
export function dayWindows(schedule: Schedule, timezone: string, day: string): readonly DismissalWindow[] {
  let byDay = windowCache.get(schedule);
  if (!byDay) {
    byDay = new Map();
    windowCache.set(schedule, byDay);
  }
  const key = `${timezone}|${day}`;
  let windows = byDay.get(key);
  if (!windows) {
    windows = Object.freeze(computeDayWindows(schedule, timezone, day));
    byDay.set(key, windows);
  }
  return windows;
}

function computeDayWindows(schedule: Schedule, timezone: string, day: string): DismissalWindow[] {
  const info = careDayInfo(schedule, day);
  if (!info.careDay) return [];
  const at = (time: string) => isoInZone(instantAt(day, time, timezone), timezone);
  const windows: DismissalWindow[] = [];
  for (const band of schedule.bands) {
    const times = info.season.bands.find((t) => t.band === band.id);
    // The schema requires times for every band in every season; a gap means no window, not a crash.
    if (!times) continue;
    windows.push({
      band,
      times,
      opensAt: at(times.dismissalOpens),
      closesAt: at(times.dismissalCloses),
      careEndsAt: at(times.careEnds),
    });
  }
  return windows;
}

/** The window of the grade's band on that day; undefined on a day without care or for a grade in no band. */
export function dismissalWindow(
  schedule: Schedule,
  timezone: string,
  day: string,
  grade: number,
): DismissalWindow | undefined {
  const band = gradeBandOf(schedule, grade);
  if (!band) return undefined;
  return dayWindows(schedule, timezone, day).find((w) => w.band.id === band.id);
}

export const PICKUP_TIMINGS = [
  /** Before the window opens: an early pickup (rule 7), to be registered at the gate. */
  "before_window",
  "in_window",
  /** The window closed but care has not ended: still in care, pickup is ordinary. */
  "after_window",
  /** Care has ended: the child is late (rule 9). */
  "after_care_end",
  /** No care today (weekend, holiday…). */
  "not_care_day",
  /** The child's grade is in no band: the schedule cannot say. */
  "no_band",
] as const;
export type PickupTiming = (typeof PICKUP_TIMINGS)[number];

/**
 * Where `now` falls for a child of `grade`. Boundaries are half-open, so each instant has one
 * answer: the window is [opensAt, closesAt), "after window" is [closesAt, careEndsAt), and at
 * careEndsAt exactly the child is late. "17:10–17:20" thus admits 17:10:00 and not 17:20:00.
 */
export function pickupTiming(schedule: Schedule, timezone: string, now: Date, grade: number): PickupTiming {
  const day = schoolDay(now, timezone);
  if (!careDayInfo(schedule, day).careDay) return "not_care_day";
  const window = dismissalWindow(schedule, timezone, day, grade);
  if (!window) return "no_band";
  const t = now.getTime();
  if (t < Date.parse(window.opensAt)) return "before_window";
  if (t < Date.parse(window.closesAt)) return "in_window";
  if (t < Date.parse(window.careEndsAt)) return "after_window";
  return "after_care_end";
}
