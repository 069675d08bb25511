import { describe, expect, it } from "vitest";
import { replay } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";
import { decideAmendment, decideSignOff } from "../../server/domain/overview/sign-off";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { buildDailyRecord } from "../../server/reports/daily-record";
import { DAY, smallSchool } from "../domain/fixtures";
import { ev, fullPickup, moment } from "./recorded-day";

const roster = buildRosterIndex(smallSchool(), DAY);
const leader = { userId: "u-leader", name: "周校长" };

/** A recorded day: c1 collected on time by his mother, c2 on leave, c3 collected 12 minutes late. */
function recordedDay(): DayEvent[] {
  return [
    ev.leave("c2", "发烧", "张妈妈（电话）", "13:30"),
    ...fullPickup("c1", "p1", ["15:40", "16:45", "16:47", "16:50"]),
    ev.unknownCard("16:55"),
    ...fullPickup("c3", "p2", ["15:45", "17:08", "17:10", "17:12"]),
  ];
}

const rowOf = (record: ReturnType<typeof buildDailyRecord>, childId: string) =>
  record.groups.flatMap((g) => g.children).find((c) => c.childId === childId);

describe("the daily care record", () => {
  it("has attendance, leave, pickups with time and adult, and late pickups per group", () => {
    const record = buildDailyRecord({ roster, day: DAY, events: recordedDay(), now: moment("20:00") });
    expect(record.groups.map((g) => g.groupId)).toEqual(["g1", "g2"]);
    expect(rowOf(record, "c1")).toMatchObject({
      attendance: "present",
      checkedIn: "15:40",
      requested: "16:45",
      released: "16:47",
      collected: "16:50",
      adultName: "张妈妈",
      adultRelation: "妈妈",
      careEnds: "17:00",
      late: false,
      amended: false,
    });
    expect(rowOf(record, "c3")).toMatchObject({
      collected: "17:12",
      adultName: "李爸爸",
      late: true,
      lateMinutes: 12,
    });
    expect(rowOf(record, "c2")).toMatchObject({
      attendance: "on_leave",
      leaveReason: "发烧",
      leaveRequestedBy: "张妈妈（电话）",
    });
    expect(record.groups[0]?.counts).toMatchObject({ expected: 2, checkedIn: 2, collected: 2 });
    // In a record, late counts late pickups (c3 collected at 17:12).
    expect(record.totals).toMatchObject({ expected: 3, onLeave: 1, collected: 2, late: 1 });
    expect(record.alerts).toEqual([expect.objectContaining({ kind: "unknown_card", deviceName: "南门" })]);
    // Rule 10: each exit in the gate register, with the adult.
    expect(record.register).toEqual([
      expect.objectContaining({ kind: "exit", childId: "c1", adultName: "张妈妈", adultRelation: "妈妈" }),
      expect.objectContaining({ kind: "exit", childId: "c3", adultName: "李爸爸" }),
    ]);
    expect(record.signOff).toBeUndefined();
  });

  it("keeps every step with a late child: the reception room and each call, reached or not", () => {
    const events = [
      ...recordedDay().slice(0, -1),
      ev.reception("c3", "17:02"),
      ev.call("c3", false, "无人接听", "17:03"),
      ev.call("c3", true, "在路上", "17:06"),
      ev.collect("c3", "17:12"),
    ];
    const record = buildDailyRecord({ roster, day: DAY, events, now: moment("20:00") });
    expect(rowOf(record, "c3")).toMatchObject({
      late: true,
      reception: { at: "17:02", roomName: "接待室", byName: "保安" },
      contacts: [
        {
          at: "17:03",
          calledName: "李爸爸",
          relation: "爸爸",
          reached: false,
          note: "无人接听",
          byName: "保安",
        },
        { at: "17:06", calledName: "李爸爸", reached: true, note: "在路上" },
      ],
    });
    expect(rowOf(record, "c1")?.contacts).toBeUndefined();
  });

  it("shows a past day as it stood at its end: a child never collected is late and still present", () => {
    const events = recordedDay().filter((e) => !(e.type === "child:collected" && e.childId === "c3"));
    const record = buildDailyRecord({ roster, day: DAY, events, now: moment("09:00", "2026-11-30") });
    expect(rowOf(record, "c3")).toMatchObject({ status: "released", late: true });
    expect(record.totals).toMatchObject({ present: 1, late: 1 });
  });

  it("only the group asked for", () => {
    const record = buildDailyRecord({
      roster,
      day: DAY,
      events: recordedDay(),
      now: moment("20:00"),
      groupId: "g2",
    });
    expect(record.groups.map((g) => g.groupId)).toEqual(["g2"]);
    expect(record.totals.expected).toBe(1);
  });

  it("an unexplained absence, the sign-off, and an amendment with its adult", () => {
    const events: DayEvent[] = [ev.leave("c2", "发烧", "张妈妈", "13:30"), ev.checkIn("c1", "15:40")];
    const signOff = decideSignOff({
      roster,
      state: replay(DAY, events),
      now: moment("18:00"),
      by: leader,
      note: "张小明由奶奶接走，未刷卡",
      eventId: "so",
    });
    const amendment = decideAmendment({
      roster,
      state: replay(DAY, [...events, signOff]),
      now: moment("18:10"),
      by: leader,
      reason: "奶奶忘带接送卡，老师当面确认",
      correction: {
        kind: "mark_collected",
        childId: "c1",
        adultName: "张奶奶",
        relation: "奶奶",
        time: "17:05",
      },
      eventId: "am",
    });
    const record = buildDailyRecord({
      roster,
      day: DAY,
      events: [...events, signOff, amendment],
      now: moment("20:00"),
    });
    expect(rowOf(record, "c3")).toMatchObject({ attendance: "unexplained", status: "expected" });
    expect(rowOf(record, "c1")).toMatchObject({
      collected: "17:05",
      adultName: "张奶奶",
      adultRelation: "奶奶",
      amended: true,
      late: true,
      lateMinutes: 5,
    });
    expect(record.signOff).toMatchObject({ byName: "周校长", note: "张小明由奶奶接走，未刷卡" });
    expect(record.signOff?.totals.present).toBe(1);
    expect(record.amendments).toEqual([
      expect.objectContaining({
        reason: "奶奶忘带接送卡，老师当面确认",
        childName: "张小明",
        byName: "周校长",
      }),
    ]);
  });

  it("a day without care lists no absences", () => {
    const record = buildDailyRecord({
      roster,
      day: "2026-11-22",
      events: [],
      now: moment("20:00", "2026-11-22"),
    });
    expect(record.careDay).toBe(false);
    expect(rowOf(record, "c3")?.attendance).toBe("no_care");
    expect(record.totals.unexplained).toBe(0);
  });
});
