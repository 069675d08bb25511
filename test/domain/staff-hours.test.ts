import { describe, expect, it } from "vitest";
import { DEMO_SCHEDULE } from "../../demo/demo-schedule";
import { type AttendanceMark, intervalsOf, periodsOn, staffMonth } from "../../server/staff/staff-hours";

const TZ = "Asia/Shanghai";
/** A moment on the school's clock (UTC+8). */
const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`).toISOString();
const mark = (userId: string, day: string, time: string, action: "in" | "out"): AttendanceMark => ({
  userId,
  day,
  at: at(day, time),
  action,
});

describe("care periods of a day (from the schedule)", () => {
  it("summer afternoon runs from the earliest class end to the latest care end, with 晨读 and 午休", () => {
    // 2026-09-28 is a Monday in summer time (夏季作息 from 05-01, winter from 10-01).
    const periods = periodsOn(DEMO_SCHEDULE, TZ, "2026-09-28");
    const afternoon = periods.find((p) => p.kind === "afternoon");
    expect(afternoon?.start).toBe(Date.parse(at("2026-09-28", "15:20")));
    expect(afternoon?.end).toBe(Date.parse(at("2026-09-28", "17:50")));
    expect(periods.map((p) => p.kind)).toEqual(["morning", "noon", "afternoon"]);
  });

  it("winter afternoon ends 30 minutes earlier; a holiday has no period", () => {
    const afternoon = periodsOn(DEMO_SCHEDULE, TZ, "2026-11-23").find((p) => p.kind === "afternoon");
    expect(afternoon?.end).toBe(Date.parse(at("2026-11-23", "17:20")));
    expect(periodsOn(DEMO_SCHEDULE, TZ, "2026-10-01")).toEqual([]);
  });
});

describe("staff hours over a month (rule 13)", () => {
  it("pairs sign-ins and sign-outs; an unclosed sign-in runs to the end of the day's last period", () => {
    const end = Date.parse(at("2026-11-23", "17:20"));
    const { intervals, open } = intervalsOf(
      [
        mark("u1", "2026-11-23", "15:00", "in"),
        mark("u1", "2026-11-23", "16:00", "out"),
        mark("u1", "2026-11-23", "16:30", "in"),
      ],
      end,
    );
    expect(open).toBe(true);
    expect(intervals.map((i) => (i.end - i.start) / 60_000)).toEqual([60, 50]);
  });

  it("counts minutes inside periods and periods served across the season change", () => {
    const marks: AttendanceMark[] = [
      // Summer Wednesday 30 Sept: 15:00–18:00 signed; afternoon 15:20–17:50 = 150 minutes inside.
      mark("u1", "2026-09-30", "15:00", "in"),
      mark("u1", "2026-09-30", "18:00", "out"),
      // 1 Oct is a national holiday: signed in, but no period.
      mark("u1", "2026-10-01", "09:00", "in"),
      mark("u1", "2026-10-01", "10:00", "out"),
      // Winter Monday 23 Nov: afternoon 15:20–17:20; 16:00–17:20 = 80 of 120 minutes: served.
      mark("u1", "2026-11-23", "16:00", "in"),
      mark("u1", "2026-11-23", "17:20", "out"),
      // Tuesday 24 Nov: only 30 minutes of the afternoon: not a whole period; no sign-out.
      mark("u1", "2026-11-24", "16:50", "in"),
      // Another teacher, the morning reading only (晨读 7:30–8:00).
      mark("u2", "2026-11-23", "07:25", "in"),
      mark("u2", "2026-11-23", "08:05", "out"),
    ];
    const [u1, u2] = staffMonth(marks, DEMO_SCHEDULE, TZ);
    expect(u1?.userId).toBe("u1");
    expect(u1?.days).toBe(4);
    const afternoon = u1?.periods.find((p) => p.kind === "afternoon");
    expect(afternoon?.count).toBe(2);
    expect(afternoon?.minutes).toBe(150 + 80 + 30);
    expect(u1?.periodMinutes).toBe(260);
    expect(u1?.signedMinutes).toBe(180 + 60 + 80 + 30);
    expect(u1?.missingSignOuts).toEqual(["2026-11-24"]);
    // Seen at 17:00 on 24 Nov, the open sign-in runs until now and is not missing yet.
    const [early] = staffMonth(marks, DEMO_SCHEDULE, TZ, Date.parse(at("2026-11-24", "17:00")));
    expect(early?.missingSignOuts).toEqual([]);
    expect(early?.signedMinutes).toBe(180 + 60 + 80 + 10);
    expect(u2?.periods).toEqual([
      { id: "morning-reading", name: "晨读", kind: "morning", count: 1, minutes: 30 },
    ]);
  });
});
