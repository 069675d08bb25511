import { describe, expect, it } from "vitest";
import type { Schedule } from "../../server/domain/entities";
import {
  careDayInfo,
  DEFAULT_SCHEDULE,
  dismissalWindow,
  gradeBandOf,
  seasonOn,
  sessionsOn,
  weekdayOf,
} from "../../server/domain/schedule";

const TZ = "Asia/Shanghai";

/** The default, plus a school vacation over a 调休 Saturday and two sessions. */
function school(): Schedule {
  return {
    ...structuredClone(DEFAULT_SCHEDULE),
    holidays: [
      ...DEFAULT_SCHEDULE.holidays,
      { name: "寒假", from: "2026-01-31", to: "2026-03-01" },
      { name: "校庆", from: "2026-11-27" },
    ],
    sessions: [
      { id: "noon", name: "午休", kind: "noon", starts: "12:30", ends: "13:10" },
      {
        id: "read",
        name: "晨读",
        kind: "morning",
        starts: "07:30",
        ends: "08:00",
        weekdays: ["mon", "wed", "fri"],
      },
      { id: "sum", name: "夏季晨练", kind: "morning", starts: "07:00", ends: "07:20", seasons: ["summer"] },
    ],
  };
}

describe("calendar", () => {
  it("names weekdays Monday-first, whatever the server's zone", () => {
    expect(weekdayOf("2026-11-23")).toBe("mon");
    expect(weekdayOf("2026-11-28")).toBe("sat");
    expect(weekdayOf("2026-11-29")).toBe("sun");
    expect(weekdayOf("2024-02-29")).toBe("thu");
  });
});

describe("seasons", () => {
  const s = school();
  it.each([
    ["2026-04-30", "winter"],
    ["2026-05-01", "summer"],
    ["2026-09-30", "summer"],
    ["2026-10-01", "winter"],
    ["2026-12-31", "winter"],
    ["2027-01-01", "winter"],
  ])("%s is in %s time", (day, season) => {
    expect(seasonOn(s, day).id).toBe(season);
  });

  it("a single season covers the whole year", () => {
    const one: Schedule = {
      ...s,
      seasons: [{ ...(s.seasons[0] as Schedule["seasons"][number]), from: "09-01" }],
    };
    expect(seasonOn(one, "2026-01-01").id).toBe("summer");
    expect(seasonOn(one, "2026-09-01").id).toBe("summer");
  });

  it("the order of seasons in the file does not matter", () => {
    const reversed: Schedule = { ...s, seasons: [...s.seasons].reverse() };
    expect(seasonOn(reversed, "2026-06-01").id).toBe("summer");
    expect(seasonOn(reversed, "2026-03-01").id).toBe("winter");
  });
});

describe("careDayInfo", () => {
  const s = school();
  it("an ordinary Monday has care", () => {
    expect(careDayInfo(s, "2026-11-23")).toMatchObject({
      careDay: true,
      kind: "regular",
      weekday: "mon",
      timetable: "mon",
      season: { id: "winter" },
    });
  });

  it("weekends have none", () => {
    expect(careDayInfo(s, "2026-11-28")).toMatchObject({ careDay: false, kind: "weekend" });
    expect(careDayInfo(s, "2026-11-29")).toMatchObject({ careDay: false, kind: "weekend" });
  });

  it("holidays: first and last day of a range, a single day, and the days around", () => {
    expect(careDayInfo(s, "2026-09-30")).toMatchObject({ careDay: true, kind: "regular" });
    expect(careDayInfo(s, "2026-10-01")).toMatchObject({ careDay: false, kind: "holiday", name: "国庆节" });
    expect(careDayInfo(s, "2026-10-07")).toMatchObject({ careDay: false, kind: "holiday", name: "国庆节" });
    expect(careDayInfo(s, "2026-10-08")).toMatchObject({ careDay: true, kind: "regular" });
    expect(careDayInfo(s, "2026-11-27")).toMatchObject({ careDay: false, kind: "holiday", name: "校庆" });
    expect(careDayInfo(s, "2026-11-26")).toMatchObject({ careDay: true });
  });

  it("a swapped Saturday runs the timetable of the weekday it follows", () => {
    expect(careDayInfo(s, "2026-10-10")).toMatchObject({
      careDay: true,
      kind: "swapped_workday",
      name: "国庆节调休上班",
      weekday: "sat",
      timetable: "wed",
    });
    expect(careDayInfo(s, "2026-09-20")).toMatchObject({ careDay: true, weekday: "sun", timetable: "tue" });
  });

  it("a holiday wins over a swapped day on the same date (vacation over a 调休 Saturday)", () => {
    expect(careDayInfo(s, "2026-02-14")).toMatchObject({ careDay: false, kind: "holiday", name: "寒假" });
    expect(careDayInfo(s, "2026-02-28")).toMatchObject({ careDay: false, kind: "holiday", name: "寒假" });
    expect(careDayInfo(DEFAULT_SCHEDULE, "2026-02-28")).toMatchObject({
      careDay: true,
      kind: "swapped_workday",
    });
  });

  it("a weekday left out of careDays has no care, and neither has a swapped day that follows it", () => {
    const noWednesday: Schedule = { ...s, careDays: ["mon", "tue", "thu", "fri"] };
    expect(careDayInfo(noWednesday, "2026-11-25")).toMatchObject({ careDay: false, kind: "no_care_weekday" });
    expect(careDayInfo(noWednesday, "2026-10-10")).toMatchObject({
      careDay: false,
      kind: "no_care_weekday",
      timetable: "wed",
    });
  });

  it("a school with Saturday care has it on Saturdays", () => {
    const saturdays: Schedule = { ...s, careDays: [...s.careDays, "sat"] };
    expect(careDayInfo(saturdays, "2026-11-28")).toMatchObject({ careDay: true, kind: "regular" });
  });
});

describe("gradeBandOf", () => {
  const s = school();
  it.each([
    [1, "g12"],
    [2, "g12"],
    [3, "g34"],
    [4, "g34"],
    [5, "g56"],
    [6, "g56"],
  ])("grade %i is in band %s", (grade, band) => {
    expect(gradeBandOf(s, grade)?.id).toBe(band);
  });
  it("a grade in no band has none", () => {
    expect(gradeBandOf(s, 7)).toBeUndefined();
  });
});

describe("dismissalWindow", () => {
  const s = school();
  it.each([
    [1, "2026-06-01", "17:10", "17:20", "17:30"],
    [3, "2026-06-01", "17:20", "17:30", "17:40"],
    [6, "2026-06-01", "17:30", "17:40", "17:50"],
    [2, "2026-11-23", "16:40", "16:50", "17:00"],
    [4, "2026-11-23", "16:50", "17:00", "17:10"],
    [5, "2026-11-23", "17:00", "17:10", "17:20"],
  ])("grade %i on %s: %s–%s, care until %s", (grade, day, opens, closes, careEnds) => {
    expect(dismissalWindow(s, TZ, day, grade)).toMatchObject({
      opensAt: `${day}T${opens}:00+08:00`,
      closesAt: `${day}T${closes}:00+08:00`,
      careEndsAt: `${day}T${careEnds}:00+08:00`,
    });
  });

  it("changes on the first day of a season", () => {
    expect(dismissalWindow(s, TZ, "2026-04-30", 1)?.opensAt).toBe("2026-04-30T16:40:00+08:00");
    expect(dismissalWindow(s, TZ, "2026-05-06", 1)?.opensAt).toBe("2026-05-06T17:10:00+08:00");
    expect(dismissalWindow(s, TZ, "2026-09-30", 1)?.opensAt).toBe("2026-09-30T17:10:00+08:00");
    expect(dismissalWindow(s, TZ, "2026-10-08", 1)?.opensAt).toBe("2026-10-08T16:40:00+08:00");
  });

  it("there is none on a day without care or for a grade in no band", () => {
    expect(dismissalWindow(s, TZ, "2026-10-01", 1)).toBeUndefined();
    expect(dismissalWindow(s, TZ, "2026-11-28", 1)).toBeUndefined();
    expect(dismissalWindow(s, TZ, "2026-11-23", 8)).toBeUndefined();
  });

  it("a swapped working day has the season's windows", () => {
    expect(dismissalWindow(s, TZ, "2026-10-10", 3)?.closesAt).toBe("2026-10-10T17:00:00+08:00");
  });
});

describe("sessionsOn", () => {
  const s = school();
  it("lists the day's sessions earliest first, filtered by weekday and season", () => {
    const monday = sessionsOn(s, TZ, "2026-11-23");
    expect(monday.map((x) => x.session.id)).toEqual(["read", "noon"]);
    expect(monday[0]).toMatchObject({
      startsAt: "2026-11-23T07:30:00+08:00",
      endsAt: "2026-11-23T08:00:00+08:00",
    });
    expect(sessionsOn(s, TZ, "2026-11-24").map((x) => x.session.id)).toEqual(["noon"]);
    expect(sessionsOn(s, TZ, "2026-06-01").map((x) => x.session.id)).toEqual(["sum", "read", "noon"]);
  });

  it("a swapped Saturday gets the sessions of the weekday it follows", () => {
    expect(sessionsOn(s, TZ, "2026-10-10").map((x) => x.session.id)).toEqual(["read", "noon"]);
  });

  it("none on a day without care, none when the school has none", () => {
    expect(sessionsOn(s, TZ, "2026-10-01")).toEqual([]);
    expect(sessionsOn(DEFAULT_SCHEDULE, TZ, "2026-11-23")).toEqual([]);
  });
});
