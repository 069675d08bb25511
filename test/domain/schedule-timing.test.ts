import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Schedule } from "../../server/domain/entities";
import {
  DEFAULT_SCHEDULE,
  dismissalWindow,
  instantAt,
  isoInZone,
  pickupTiming,
  zoneOffsetMinutes,
} from "../../server/domain/schedule";

const TZ = "Asia/Shanghai";
const s = DEFAULT_SCHEDULE;

/** A moment on the school's clock, written with its offset so the test reads like the schedule. */
const at = (local: string) => new Date(`${local}+08:00`);

describe("pickupTiming edges (half-open: [opens, closes) in window, late from careEnds)", () => {
  // Monday 2026-11-23, winter time; grade 1: 16:40–16:50, care until 17:00.
  it.each([
    ["2026-11-23T12:00:00.000", "before_window"],
    ["2026-11-23T16:39:59.999", "before_window"],
    ["2026-11-23T16:40:00.000", "in_window"],
    ["2026-11-23T16:49:59.999", "in_window"],
    ["2026-11-23T16:50:00.000", "after_window"],
    ["2026-11-23T16:59:59.999", "after_window"],
    ["2026-11-23T17:00:00.000", "after_care_end"],
    ["2026-11-23T23:59:59.999", "after_care_end"],
  ])("grade 1 at %s is %s", (local, timing) => {
    expect(pickupTiming(s, TZ, at(local), 1)).toBe(timing);
  });

  it.each([
    [3, "2026-06-01T17:19:59", "before_window"],
    [3, "2026-06-01T17:20:00", "in_window"],
    [3, "2026-06-01T17:30:00", "after_window"],
    [3, "2026-06-01T17:40:00", "after_care_end"],
    [6, "2026-06-01T17:29:59", "before_window"],
    [6, "2026-06-01T17:30:00", "in_window"],
    [6, "2026-06-01T17:40:00", "after_window"],
    [6, "2026-06-01T17:50:00", "after_care_end"],
  ])("grade %i at %s is %s (summer time)", (grade, local, timing) => {
    expect(pickupTiming(s, TZ, at(local), grade)).toBe(timing);
  });

  it("at the same instant the bands differ: grade 1 goes, grade 5 is still before its window", () => {
    const now = at("2026-11-23T16:45:00");
    expect(pickupTiming(s, TZ, now, 1)).toBe("in_window");
    expect(pickupTiming(s, TZ, now, 3)).toBe("before_window");
    expect(pickupTiming(s, TZ, now, 5)).toBe("before_window");
  });

  it("no care on a holiday or a weekend; a grade in no band cannot be placed", () => {
    expect(pickupTiming(s, TZ, at("2026-10-01T16:45:00"), 1)).toBe("not_care_day");
    expect(pickupTiming(s, TZ, at("2026-11-28T16:45:00"), 1)).toBe("not_care_day");
    expect(pickupTiming(s, TZ, at("2026-11-23T16:45:00"), 9)).toBe("no_band");
  });

  it("just after midnight in the school's zone belongs to the new day", () => {
    // Friday 2026-11-27 16:01 UTC = Saturday 00:01 in Shanghai: a weekend day there.
    expect(pickupTiming(s, TZ, new Date("2026-11-27T16:01:00Z"), 1)).toBe("not_care_day");
    // Sunday 2026-11-29 16:01 UTC = Monday 00:01 in Shanghai: a care day, long before the window.
    expect(pickupTiming(s, TZ, new Date("2026-11-29T16:01:00Z"), 1)).toBe("before_window");
  });
});

describe("zones: the server's own zone does not matter", () => {
  const saved = process.env.TZ;
  afterAll(() => {
    process.env.TZ = saved;
  });

  for (const serverZone of ["UTC", "America/Los_Angeles", "Asia/Shanghai"]) {
    describe(`server in ${serverZone}, school in Asia/Shanghai`, () => {
      beforeAll(() => {
        process.env.TZ = serverZone;
      });
      it("windows are the school's wall-clock times", () => {
        const w = dismissalWindow(s, TZ, "2026-11-23", 1);
        expect(w?.opensAt).toBe("2026-11-23T16:40:00+08:00");
        expect(new Date(w?.opensAt ?? "").toISOString()).toBe("2026-11-23T08:40:00.000Z");
      });
      it("timing uses the school's day and clock", () => {
        expect(pickupTiming(s, TZ, new Date("2026-11-23T08:40:00Z"), 1)).toBe("in_window");
        expect(pickupTiming(s, TZ, new Date("2026-11-23T08:39:59Z"), 1)).toBe("before_window");
      });
    });
  }
});

describe("zone arithmetic with Intl", () => {
  it("knows Shanghai's offset, and a zone west of UTC", () => {
    expect(zoneOffsetMinutes(new Date("2026-11-23T00:00:00Z"), "Asia/Shanghai")).toBe(480);
    expect(zoneOffsetMinutes(new Date("2026-11-23T00:00:00Z"), "America/New_York")).toBe(-300);
    expect(zoneOffsetMinutes(new Date("2026-07-01T00:00:00Z"), "America/New_York")).toBe(-240);
    expect(zoneOffsetMinutes(new Date("2026-07-01T00:00:00Z"), "Asia/Kolkata")).toBe(330);
  });

  it("places wall-clock times in zones with daylight saving, on both sides of the change", () => {
    // Europe/Berlin changes on 2026-03-29 (+01:00 → +02:00) and 2026-10-25 (back).
    expect(isoInZone(instantAt("2026-03-27", "17:30", "Europe/Berlin"), "Europe/Berlin")).toBe(
      "2026-03-27T17:30:00+01:00",
    );
    expect(isoInZone(instantAt("2026-03-30", "17:30", "Europe/Berlin"), "Europe/Berlin")).toBe(
      "2026-03-30T17:30:00+02:00",
    );
    expect(instantAt("2026-03-30", "17:30", "Europe/Berlin").toISOString()).toBe("2026-03-30T15:30:00.000Z");
    expect(instantAt("2026-10-26", "17:30", "Europe/Berlin").toISOString()).toBe("2026-10-26T16:30:00.000Z");
  });

  it("a wall time in the spring-forward gap lands after it", () => {
    // 2026-03-08 02:30 does not exist in New York (02:00 EST → 03:00 EDT).
    expect(isoInZone(instantAt("2026-03-08", "02:30", "America/New_York"), "America/New_York")).toBe(
      "2026-03-08T03:30:00-04:00",
    );
  });

  it("a school in another zone gets its own windows", () => {
    const w = dismissalWindow(s, "Asia/Urumqi", "2026-11-23", 1);
    expect(w?.opensAt).toBe("2026-11-23T16:40:00+06:00");
  });

  it("offsets with minutes are written out", () => {
    expect(isoInZone(new Date("2026-11-23T12:00:00Z"), "Asia/Kathmandu")).toBe("2026-11-23T17:45:00+05:45");
    expect(isoInZone(new Date("2026-11-23T12:00:00Z"), "America/St_Johns")).toBe("2026-11-23T08:30:00-03:30");
  });
});

describe("a schedule with a Saturday school", () => {
  it("times a Saturday like a weekday when careDays has it", () => {
    const sat: Schedule = { ...s, careDays: [...s.careDays, "sat"] };
    expect(pickupTiming(sat, TZ, at("2026-11-28T16:45:00"), 1)).toBe("in_window");
  });
});
