import { describe, expect, it } from "vitest";
import { DEMO_SCHEDULE } from "../../demo/demo-schedule";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { DEFAULT_SCHEDULE, rosterScheduleView } from "../../server/domain/schedule";
import { smallSchool } from "./fixtures";

describe("the schedule in snapshots", () => {
  it("a care group sees the windows of its children's bands; the gate sees every band", () => {
    const roster = buildRosterIndex(smallSchool());
    expect(roster.schedule).toBe(DEFAULT_SCHEDULE);
    const g1 = rosterScheduleView(roster, "2026-11-23", "g1");
    expect(g1).toEqual({
      careDay: true,
      dayKind: "regular",
      season: { id: "winter", name: "冬季作息" },
      windows: [
        {
          bandId: "g12",
          bandName: "一二年级",
          grades: [1, 2],
          opensAt: "2026-11-23T16:40:00+08:00",
          closesAt: "2026-11-23T16:50:00+08:00",
          careEndsAt: "2026-11-23T17:00:00+08:00",
          opens: "16:40",
          closes: "16:50",
          careEnds: "17:00",
        },
      ],
    });
    expect(rosterScheduleView(roster, "2026-11-23", "g2").windows.map((w) => w.bandId)).toEqual(["g34"]);
    expect(rosterScheduleView(roster, "2026-11-23").windows.map((w) => w.bandId)).toEqual([
      "g12",
      "g34",
      "g56",
    ]);
  });

  it("a group of mixed grades sees each of their bands; an empty group sees none", () => {
    const db = smallSchool();
    db.children.push({ id: "c9", name: "王五", grade: 5, className: "1班", groupId: "g1" });
    db.groups.push({ id: "g3", name: "空", roomId: "r1", capacity: 30 });
    const roster = buildRosterIndex(db);
    expect(rosterScheduleView(roster, "2026-11-23", "g1").windows.map((w) => w.bandId)).toEqual([
      "g12",
      "g56",
    ]);
    expect(rosterScheduleView(roster, "2026-11-23", "g3").windows).toEqual([]);
  });

  it("a day without care says why, with no windows", () => {
    const roster = buildRosterIndex(smallSchool());
    expect(rosterScheduleView(roster, "2026-10-01")).toEqual({
      careDay: false,
      dayKind: "holiday",
      dayName: "国庆节",
      season: { id: "winter", name: "冬季作息" },
      windows: [],
    });
    expect(rosterScheduleView(roster, "2026-10-10", "g1")).toMatchObject({
      careDay: true,
      dayKind: "swapped_workday",
      dayName: "国庆节调休上班",
    });
  });

  it("uses the document's own schedule and the school's zone", () => {
    const db = { ...smallSchool(), schedule: DEMO_SCHEDULE };
    db.settings = { ...db.settings, timezone: "Asia/Urumqi" };
    const view = rosterScheduleView(buildRosterIndex(db), "2026-07-06", "g1");
    expect(view).toMatchObject({ careDay: false, dayKind: "holiday", dayName: "暑假（示例）" });
    const june = rosterScheduleView(buildRosterIndex(db), "2026-06-01", "g1");
    expect(june.windows[0]).toMatchObject({ opensAt: "2026-06-01T17:10:00+06:00", opens: "17:10" });
  });
});
