import type { Schedule } from "../server/domain/entities";
import { DEFAULT_SCHEDULE } from "../server/domain/schedule";

/**
 * The demo school's schedule: the default (2026 national holidays, summer/winter time, three
 * bands) plus what a real school adds. The vacations are plausible, not any real school's: they
 * are marked （示例） so nobody copies them. Class end times and the morning and noon sessions
 * follow the seeds (一二年级 end class at 15:20, the others at 16:10, in both seasons; 晨读
 * 7:30–8:00, 午休 12:30–13:10).
 */
export const DEMO_SCHEDULE: Schedule = {
  ...DEFAULT_SCHEDULE,
  seasons: [
    {
      id: "summer",
      name: "夏季作息",
      from: "05-01",
      bands: [
        {
          band: "g12",
          careStarts: "15:20",
          dismissalOpens: "17:10",
          dismissalCloses: "17:20",
          careEnds: "17:30",
        },
        {
          band: "g34",
          careStarts: "16:10",
          dismissalOpens: "17:20",
          dismissalCloses: "17:30",
          careEnds: "17:40",
        },
        {
          band: "g56",
          careStarts: "16:10",
          dismissalOpens: "17:30",
          dismissalCloses: "17:40",
          careEnds: "17:50",
        },
      ],
    },
    {
      id: "winter",
      name: "冬季作息",
      from: "10-01",
      bands: [
        {
          band: "g12",
          careStarts: "15:20",
          dismissalOpens: "16:40",
          dismissalCloses: "16:50",
          careEnds: "17:00",
        },
        {
          band: "g34",
          careStarts: "16:10",
          dismissalOpens: "16:50",
          dismissalCloses: "17:00",
          careEnds: "17:10",
        },
        {
          band: "g56",
          careStarts: "16:10",
          dismissalOpens: "17:00",
          dismissalCloses: "17:10",
          careEnds: "17:20",
        },
      ],
    },
  ],
  holidays: [
    ...DEFAULT_SCHEDULE.holidays,
    { name: "寒假（示例）", from: "2026-01-31", to: "2026-03-01" },
    { name: "暑假（示例）", from: "2026-07-04", to: "2026-08-30" },
    { name: "寒假（示例）", from: "2027-01-23", to: "2027-02-21" },
  ],
  sessions: [
    { id: "morning-reading", name: "晨读", kind: "morning", starts: "07:30", ends: "08:00" },
    { id: "noon-rest", name: "午休", kind: "noon", starts: "12:30", ends: "13:10" },
  ],
};
