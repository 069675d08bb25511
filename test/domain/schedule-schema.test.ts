import { describe, expect, it } from "vitest";
import { DEMO_SCHEDULE } from "../../demo/demo-schedule";
import { type Schedule, ScheduleSchema } from "../../server/domain/entities";
import { DEFAULT_SCHEDULE, scheduleOf } from "../../server/domain/schedule";
import { DbSchema, emptyDb } from "../../server/store/schema";

/** The messages of a failed parse as "path: message", the way the store reports them. */
function problems(value: unknown): string[] {
  const result = ScheduleSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

function withSeasons(change: (s: Schedule) => void): Schedule {
  const s = structuredClone(DEFAULT_SCHEDULE);
  change(s);
  return s;
}

describe("schedule schema", () => {
  it("accepts the default and the demo schedule unchanged", () => {
    expect(ScheduleSchema.parse(DEFAULT_SCHEDULE)).toEqual(DEFAULT_SCHEDULE);
    expect(ScheduleSchema.parse(DEMO_SCHEDULE)).toEqual(DEMO_SCHEDULE);
  });

  it("a document without a schedule still loads and follows the default", () => {
    const old = JSON.parse(JSON.stringify(emptyDb())) as Record<string, unknown>;
    delete old.schedule;
    const db = DbSchema.parse(old);
    expect(db.schedule).toBeUndefined();
    expect(scheduleOf(db)).toBe(DEFAULT_SCHEDULE);
  });

  it("a document with a schedule keeps it", () => {
    const db = DbSchema.parse({ ...emptyDb(), schedule: DEMO_SCHEDULE });
    expect(scheduleOf(db)).toEqual(DEMO_SCHEDULE);
  });

  it("fills in weekdays and empty lists a hand-written file leaves out", () => {
    const { careDays, holidays, workdays, sessions, ...minimal } = DEFAULT_SCHEDULE;
    const parsed = ScheduleSchema.parse(minimal);
    expect(parsed.careDays).toEqual(["mon", "tue", "wed", "thu", "fri"]);
    expect(parsed.holidays).toEqual([]);
    expect(parsed.workdays).toEqual([]);
    expect(parsed.sessions).toEqual([]);
  });

  it("names malformed times and dates", () => {
    const s = withSeasons((x) => {
      const t = x.seasons[0]?.bands[0];
      if (t) t.dismissalOpens = "5:10";
      const season = x.seasons[1];
      if (season) season.from = "02-30";
      x.holidays.push({ name: "坏日期", from: "2026-13-01" });
    });
    const list = problems(s);
    expect(list).toContain(
      'seasons.0.bands.0.dismissalOpens: expected a time of day as "HH:MM" (24-hour), e.g. "17:30"',
    );
    expect(list).toContain('seasons.1.from: expected a day of the year as "MM-DD", e.g. "10-01"');
    expect(list.some((p) => p.startsWith("holidays.7.from: expected a date"))).toBe(true);
  });

  it("refuses a window that closes before it opens, and care that ends inside the window", () => {
    const s = withSeasons((x) => {
      const [a, b, c] = x.seasons[0]?.bands ?? [];
      if (a) a.dismissalCloses = a.dismissalOpens;
      if (b) b.careEnds = "17:25";
      if (c) c.careStarts = "17:35";
    });
    expect(problems(s)).toEqual([
      "seasons.0.bands.0.dismissalCloses: must be after dismissalOpens",
      "seasons.0.bands.1.careEnds: must not be before dismissalCloses",
      "seasons.0.bands.2.careStarts: must not be after dismissalOpens",
    ]);
  });

  it("allows care to end when the window closes", () => {
    const s = withSeasons((x) => {
      const t = x.seasons[0]?.bands[0];
      if (t) t.careEnds = t.dismissalCloses;
    });
    expect(problems(s)).toEqual([]);
  });

  it("refuses a grade in two bands, a band without times and times for an unknown band", () => {
    const s = withSeasons((x) => {
      x.bands[1]?.grades.push(2);
      x.seasons[1]?.bands.pop();
      x.seasons[0]?.bands.push({
        band: "g78",
        dismissalOpens: "17:40",
        dismissalCloses: "17:50",
        careEnds: "18:00",
      });
    });
    expect(problems(s)).toEqual([
      "bands.1.grades.2: grade 2 is already in band g12",
      "seasons.0.bands.3.band: no grade band with id g78",
      "seasons.1.bands: no times for grade band g56",
    ]);
  });

  it("refuses duplicate ids, two seasons starting the same day and a holiday that ends before it starts", () => {
    const s = withSeasons((x) => {
      const summer = x.seasons[0];
      if (summer) x.seasons.push({ ...summer, id: "summer" });
      x.holidays.push({ name: "倒序", from: "2026-12-02", to: "2026-12-01" });
      x.workdays.push({ name: "重复", date: "2026-10-10", followsWeekday: "mon" });
      x.careDays.push("mon");
    });
    expect(problems(s)).toEqual([
      "holidays.7.to: must not be before from",
      "careDays.5: listed twice",
      "seasons.2.id: another season has this id",
      "seasons.2.from: another season starts on this day",
      "workdays.6.date: listed twice",
    ]);
  });

  it("checks sessions: end after start, known seasons, unique ids", () => {
    const s = withSeasons((x) => {
      x.sessions.push(
        { id: "noon", name: "午休", kind: "noon", starts: "13:10", ends: "12:30" },
        { id: "noon", name: "午休", kind: "noon", starts: "12:30", ends: "13:10", seasons: ["spring"] },
      );
    });
    expect(problems(s)).toEqual([
      "sessions.0.ends: must be after starts",
      "sessions.1.id: another session has this id",
      "sessions.1.seasons.0: no season with id spring",
    ]);
  });

  it("refuses an unknown weekday", () => {
    expect(problems({ ...DEFAULT_SCHEDULE, careDays: ["monday"] })[0]).toMatch(/^careDays\.0: /);
  });
});
