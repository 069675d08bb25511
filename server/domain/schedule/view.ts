import type { DismissalWindowView, ScheduleView } from "../../../protocol/schedule";
import type { Schedule } from "../entities";
import type { RosterIndex } from "../roster-index";
import { careDayInfo } from "./care-day";
import { dayWindows } from "./windows";

/**
 * Today's schedule as screens see it. With `grades`, only the windows of the bands those grades
 * are in (a care group's children); without, every band (the gate).
 */
export function scheduleView(
  schedule: Schedule,
  timezone: string,
  day: string,
  grades?: readonly number[],
): ScheduleView {
  const info = careDayInfo(schedule, day);
  const windows: DismissalWindowView[] = dayWindows(schedule, timezone, day)
    .filter((w) => grades === undefined || w.band.grades.some((g) => grades.includes(g)))
    .map((w) => ({
      bandId: w.band.id,
      bandName: w.band.name,
      grades: [...w.band.grades],
      opensAt: w.opensAt,
      closesAt: w.closesAt,
      careEndsAt: w.careEndsAt,
      opens: w.times.dismissalOpens,
      closes: w.times.dismissalCloses,
      careEnds: w.times.careEnds,
    }));
  const view: ScheduleView = {
    careDay: info.careDay,
    dayKind: info.kind,
    season: { id: info.season.id, name: info.season.name },
    windows,
  };
  if (info.name !== undefined) view.dayName = info.name;
  return view;
}

/** The schedule part of a snapshot: a care group's bands, or (no group) every band for the gate. */
export function rosterScheduleView(roster: RosterIndex, day: string, groupId?: string): ScheduleView {
  const grades =
    groupId === undefined ? undefined : (roster.childrenByGroup.get(groupId) ?? []).map((c) => c.grade);
  return scheduleView(roster.schedule, roster.settings.timezone, day, grades);
}
