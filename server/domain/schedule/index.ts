export { isWeekend, monthDayOf, parseDay, weekdayOf } from "./calendar";
export { type CareDayInfo, careDayInfo, holidayOn, seasonOn, swappedWorkdayOn } from "./care-day";
export { DEFAULT_SCHEDULE, NATIONAL_HOLIDAYS_2026, NATIONAL_WORKDAYS_2026, scheduleOf } from "./defaults";
export { type SessionOnDay, sessionsOn } from "./sessions";
export { rosterScheduleView, scheduleView } from "./view";
export {
  type DismissalWindow,
  dayWindows,
  dismissalWindow,
  gradeBandOf,
  PICKUP_TIMINGS,
  type PickupTiming,
  pickupTiming,
} from "./windows";
export { instantAt, isoInZone, zoneOffsetMinutes } from "./zone-time";
