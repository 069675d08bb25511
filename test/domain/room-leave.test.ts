import { describe, expect, it } from "vitest";
import { applyEvent, replay } from "../../server/domain/day-state";
import type { RosterLeave } from "../../server/domain/entities";
import type { DayEvent } from "../../server/domain/events";
import {
  checkLeaveDates,
  decideLeaveCancel,
  decideLeaveToday,
  plannedLeaveEvents,
} from "../../server/domain/room/leaves";
import { DAY, world } from "./fixtures";
import { AFTER_CARE_START, roomSchool, teacher } from "./room-fixtures";

const leave = (over: Partial<RosterLeave> = {}): RosterLeave => ({
  id: "leave-1",
  childId: "c1",
  from: DAY,
  to: DAY,
  askedBy: { name: "张妈妈", relation: "妈妈" },
  channel: "phone",
  askedAt: "2026-11-23T07:00:00.000Z",
  reason: "发烧，在家休息",
  recordedAt: "2026-11-23T07:05:00.000Z",
  recordedBy: "u-t1",
  recordedByName: "王老师",
  ...over,
});

describe("leave (请假, rule 4)", () => {
  it("dates: from today on, at most 31 days", () => {
    expect(() => checkLeaveDates(DAY, DAY, DAY)).not.toThrow();
    expect(() => checkLeaveDates("2026-11-22", DAY, DAY)).toThrow("leave");
    expect(() => checkLeaveDates("2026-11-25", "2026-11-24", DAY)).toThrow();
    expect(() => checkLeaveDates(DAY, "2026-12-24", DAY)).toThrow();
    expect(() => checkLeaveDates(DAY, "2026-12-23", DAY)).not.toThrow();
  });

  it("a leave for today is recorded now with who asked, how and the range", () => {
    const w = world(roomSchool());
    const [event] = decideLeaveToday(
      w.roster,
      w.state,
      leave({ to: "2026-11-25" }),
      teacher,
      AFTER_CARE_START,
    );
    expect(event).toMatchObject({
      id: `leave-1@${DAY}`,
      type: "leave:recorded",
      childId: "c1",
      requestedBy: "张妈妈（妈妈）",
      askedBy: { name: "张妈妈", relation: "妈妈" },
      channel: "phone",
      from: DAY,
      to: "2026-11-25",
    });
    if (event) applyEvent(w.state, event);
    expect(w.state.children.get("c1")).toMatchObject({ status: "on_leave", leaveId: "leave-1" });
  });

  it("a leave for a later day records nothing today", () => {
    const w = world(roomSchool());
    expect(
      decideLeaveToday(
        w.roster,
        w.state,
        leave({ from: "2026-11-24", to: "2026-11-24" }),
        teacher,
        AFTER_CARE_START,
      ),
    ).toEqual([]);
  });

  it("a child already in the room cannot be put on leave today", () => {
    const w = world(roomSchool());
    w.state.children.set("c1", { status: "checked_in" });
    expect(() => decideLeaveToday(w.roster, w.state, leave(), teacher, AFTER_CARE_START)).toThrow(
      /checked_in/,
    );
  });

  it("the register's leave applies on its day once, however often the day is rebuilt", () => {
    const w = world(roomSchool());
    const tomorrow = leave({ from: "2026-11-24", to: "2026-11-24" });
    expect(plannedLeaveEvents(w.roster, w.state, [tomorrow], AFTER_CARE_START)).toEqual([]);
    const next = replay("2026-11-24", []);
    const events = plannedLeaveEvents(w.roster, next, [tomorrow], AFTER_CARE_START);
    expect(events).toHaveLength(1);
    expect(events[0]?.actor).toEqual({ kind: "system" });
    const rebuilt = replay("2026-11-24", events as DayEvent[]);
    expect(rebuilt.children.get("c1")?.status).toBe("on_leave");
    expect(plannedLeaveEvents(w.roster, rebuilt, [tomorrow], AFTER_CARE_START)).toEqual([]);
  });

  it("a cancelled leave is not applied; cancelling today's returns the child to expected", () => {
    const w = world(roomSchool());
    expect(plannedLeaveEvents(w.roster, w.state, [leave({ cancelledAt: "x" })], AFTER_CARE_START)).toEqual(
      [],
    );
    for (const e of decideLeaveToday(w.roster, w.state, leave(), teacher, AFTER_CARE_START))
      applyEvent(w.state, e);
    const [cancel] = decideLeaveCancel(
      w.state,
      leave(),
      "家长改主意，孩子来托管",
      teacher,
      "e-c",
      AFTER_CARE_START,
    );
    expect(cancel).toMatchObject({ type: "leave:cancelled", leaveId: "leave-1", childId: "c1" });
    if (cancel) applyEvent(w.state, cancel);
    expect(w.state.children.get("c1")?.status).toBe("expected");
    expect(w.state.children.get("c1")?.leaveReason).toBeUndefined();
    expect(plannedLeaveEvents(w.roster, w.state, [leave()], AFTER_CARE_START)).toEqual([]);
  });

  it("an old leave:recorded event without the new fields still reads", () => {
    const state = replay(DAY, [
      {
        id: "old",
        type: "leave:recorded",
        day: DAY,
        at: "",
        actor: { kind: "system" },
        childId: "c3",
        reason: "事假",
        requestedBy: "李爸爸",
      },
    ]);
    expect(state.children.get("c3")).toMatchObject({ status: "on_leave", leaveReason: "事假" });
  });
});
