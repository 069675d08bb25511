import type { Holiday, Schedule, SchoolRoster, SwappedWorkday } from "../entities";

/**
 * The schedule a school follows until it enters its own (a data file without `schedule`).
 * Times follow the seeds: care until 17:30 in summer time (夏季作息, from 1 May) and 17:00 in
 * winter time (冬季作息, from 1 October), dismissal staggered by grade band ten minutes apart.
 */

/**
 * 2026 national holidays and working days, from the State Council notice of 4 November 2025
 * (国办发明电〔2025〕7号, gov.cn content_7047090). The notice does not say which timetable a
 * make-up day runs; schools announce it. Here: the weekday the holiday gave off.
 */
export const NATIONAL_HOLIDAYS_2026: readonly Holiday[] = [
  { name: "元旦", from: "2026-01-01", to: "2026-01-03" },
  { name: "春节", from: "2026-02-15", to: "2026-02-23" },
  { name: "清明节", from: "2026-04-04", to: "2026-04-06" },
  { name: "劳动节", from: "2026-05-01", to: "2026-05-05" },
  { name: "端午节", from: "2026-06-19", to: "2026-06-21" },
  { name: "中秋节", from: "2026-09-25", to: "2026-09-27" },
  { name: "国庆节", from: "2026-10-01", to: "2026-10-07" },
];

export const NATIONAL_WORKDAYS_2026: readonly SwappedWorkday[] = [
  { name: "元旦调休上班", date: "2026-01-04", followsWeekday: "fri" },
  { name: "春节调休上班", date: "2026-02-14", followsWeekday: "fri" },
  { name: "春节调休上班", date: "2026-02-28", followsWeekday: "mon" },
  { name: "劳动节调休上班", date: "2026-05-09", followsWeekday: "tue" },
  { name: "国庆节调休上班", date: "2026-09-20", followsWeekday: "tue" },
  { name: "国庆节调休上班", date: "2026-10-10", followsWeekday: "wed" },
];

export const DEFAULT_SCHEDULE: Schedule = {
  careDays: ["mon", "tue", "wed", "thu", "fri"],
  bands: [
    { id: "g12", name: "一二年级", grades: [1, 2] },
    { id: "g34", name: "三四年级", grades: [3, 4] },
    { id: "g56", name: "五六年级", grades: [5, 6] },
  ],
  seasons: [
    {
      id: "summer",
      name: "夏季作息",
      from: "05-01",
      bands: [
        { band: "g12", dismissalOpens: "17:10", dismissalCloses: "17:20", careEnds: "17:30" },
        { band: "g34", dismissalOpens: "17:20", dismissalCloses: "17:30", careEnds: "17:40" },
        { band: "g56", dismissalOpens: "17:30", dismissalCloses: "17:40", careEnds: "17:50" },
      ],
    },
    {
      id: "winter",
      name: "冬季作息",
      from: "10-01",
      bands: [
        { band: "g12", dismissalOpens: "16:40", dismissalCloses: "16:50", careEnds: "17:00" },
        { band: "g34", dismissalOpens: "16:50", dismissalCloses: "17:00", careEnds: "17:10" },
        { band: "g56", dismissalOpens: "17:00", dismissalCloses: "17:10", careEnds: "17:20" },
      ],
    },
  ],
  holidays: [...NATIONAL_HOLIDAYS_2026],
  workdays: [...NATIONAL_WORKDAYS_2026],
  sessions: [],
};

/** The schedule in force for a document: its own, or the default. */
export function scheduleOf(db: Pick<SchoolRoster, "schedule">): Schedule {
  return db.schedule ?? DEFAULT_SCHEDULE;
}
