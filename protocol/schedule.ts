/** What screens are told about today's care schedule (computed on the server, shown as is). */

export const CARE_DAY_KINDS = [
  /** A weekday the school runs care on. */
  "regular",
  /** A swapped working day (调休上班), usually a weekend day that follows a weekday's timetable. */
  "swapped_workday",
  /** A holiday or school vacation from the calendar. */
  "holiday",
  "weekend",
  /** A weekday on which this school runs no care (careDays leaves it out). */
  "no_care_weekday",
] as const;
export type CareDayKind = (typeof CARE_DAY_KINDS)[number];

/** One grade band's dismissal window on a day. */
export interface DismissalWindowView {
  bandId: string;
  bandName: string;
  grades: number[];
  /** Instants with the school's offset ("2026-11-23T16:40:00+08:00"), for comparing with a clock. */
  opensAt: string;
  closesAt: string;
  careEndsAt: string;
  /** The same times as the school's clock shows them ("16:40"): a screen in another zone still shows these. */
  opens: string;
  closes: string;
  careEnds: string;
}

/** Whether a dismissal window is open at `now`: half-open, [opensAt, closesAt), as the server judges it. */
export function isWindowOpen(window: Pick<DismissalWindowView, "opensAt" | "closesAt">, now: Date): boolean {
  const time = now.getTime();
  return Date.parse(window.opensAt) <= time && time < Date.parse(window.closesAt);
}

export interface ScheduleView {
  careDay: boolean;
  dayKind: CareDayKind;
  /** The holiday's or the swapped day's name, when there is one. */
  dayName?: string;
  season: { id: string; name: string };
  /** For a care group: the bands of its children; for the gate: every band. Empty on a day off. */
  windows: DismissalWindowView[];
}
