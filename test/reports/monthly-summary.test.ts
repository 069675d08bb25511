import { describe, expect, it } from "vitest";
import type { DayEvent } from "../../server/domain/events";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { buildDailyRecord } from "../../server/reports/daily-record";
import { buildMonthlySummary } from "../../server/reports/monthly-summary";
import { smallSchool } from "../domain/fixtures";
import { ev, fullPickup, moment } from "./recorded-day";

/** Three school days of November 2026 (Mon 23 – Wed 25), a Sunday without care and an unrecorded Friday. */
const journal: Record<string, DayEvent[]> = {
  // A Friday before the school used Wanfeng: nothing recorded, no absences counted.
  "2026-11-20": [],
  "2026-11-22": [],
  "2026-11-23": [
    ...fullPickup("c1", "p1", ["15:40", "16:45", "16:47", "16:50"], "2026-11-23"),
    ev.leave("c3", "看牙", "李爸爸", "12:00", "2026-11-23"),
  ],
  "2026-11-24": [
    ...fullPickup("c1", "p1", ["15:40", "17:00", "17:05", "17:10"], "2026-11-24"),
    ...fullPickup("c3", "p2", ["15:40", "16:50", "16:51", "16:52"], "2026-11-24"),
  ],
  "2026-11-25": [...fullPickup("c1", "p1", ["15:40", "16:40", "16:42", "16:45"], "2026-11-25")],
};

function summary() {
  const now = moment("20:00", "2026-11-25");
  const records = Object.entries(journal).map(([day, events]) =>
    buildDailyRecord({ roster: buildRosterIndex(smallSchool(), day), day, events, now }),
  );
  return buildMonthlySummary({ month: "2026-11", schoolName: "测试小学", now, records });
}

describe("the monthly summary", () => {
  it("counts days in care, leaves, unexplained absences and late pickups per child", () => {
    const s = summary();
    expect(s.careDays).toBe(4);
    expect(s.recordedDays).toBe(3);
    expect(s.days.find((d) => d.day === "2026-11-22")?.careDay).toBe(false);
    const g1 = s.groups.find((g) => g.groupId === "g1");
    const c1 = g1?.children.find((c) => c.childId === "c1");
    // 16:50, 17:10 and 16:45: one late (care ends 17:00 for grade 1); mean 16:55.
    expect(c1).toMatchObject({
      daysInCare: 3,
      leaves: 0,
      unexplained: 0,
      latePickups: 1,
      averagePickup: "16:55",
    });
    const c3 = g1?.children.find((c) => c.childId === "c3");
    expect(c3).toMatchObject({
      daysInCare: 1,
      leaves: 1,
      unexplained: 1,
      latePickups: 0,
      averagePickup: "16:52",
    });
    expect(g1?.totals).toMatchObject({ daysInCare: 4, leaves: 1, unexplained: 1, latePickups: 1 });
    // c2 never came: three unexplained days.
    expect(s.groups.find((g) => g.groupId === "g2")?.children[0]).toMatchObject({
      unexplained: 3,
      daysInCare: 0,
    });
    expect(s.signedOffDays).toBe(0);
  });
});
