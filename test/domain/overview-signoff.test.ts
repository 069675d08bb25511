import { describe, expect, it } from "vitest";
import { WanfengError } from "../../protocol";
import { replay } from "../../server/domain/day-state";
import type { DayEvent } from "../../server/domain/events";
import {
  admitAfterSignOff,
  assertDayOpen,
  decideAmendment,
  decideSignOff,
  flagAfterSignOff,
} from "../../server/domain/overview/sign-off";
import { buildRosterIndex } from "../../server/domain/roster-index";
import { ev, fullPickup, moment } from "../reports/recorded-day";
import { DAY, smallSchool } from "./fixtures";

const roster = buildRosterIndex(smallSchool(), DAY);
const leader = { userId: "u-leader", name: "带班 周校长" };

/** c1 collected at 16:52, c3 still in the room, c2 on leave. */
function dayEvents(): DayEvent[] {
  return [
    ...fullPickup("c1", "p1", ["15:40", "16:45", "16:48", "16:52"]),
    ev.checkIn("c3", "15:42"),
    ev.leave("c2", "发烧", "张妈妈（电话）", "14:00"),
  ];
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    if (err instanceof WanfengError) return err.code;
    throw err;
  }
  return undefined;
}

function signOff(events: DayEvent[], note: string, time = "18:00") {
  const state = replay(DAY, events);
  return decideSignOff({ roster, state, now: moment(time), by: leader, note, eventId: "so-1" });
}

describe("signing off the day", () => {
  it("needs a note while a child is still in school, and records the counts at that moment", () => {
    expect(codeOf(() => signOff(dayEvents(), "  "))).toBe("DAY_NOTE_REQUIRED");
    const event = signOff(dayEvents(), "李四在接待室，爸爸在路上");
    expect(event).toMatchObject({
      type: "day:signedOff",
      day: DAY,
      byUserId: "u-leader",
      byName: "带班 周校长",
      note: "李四在接待室，爸爸在路上",
      actor: { kind: "user", id: "u-leader" },
    });
    expect(event.totals).toMatchObject({
      expected: 3,
      checkedIn: 2,
      present: 1,
      onLeave: 1,
      collected: 1,
      late: 1,
    });
    const g1 = event.groups.find((g) => g.groupId === "g1");
    expect(g1).toMatchObject({ expected: 2, collected: 1, present: 1, late: 1 });
  });

  it("needs no note when every child is accounted for", () => {
    const events = [...dayEvents(), ...fullPickup("c3", "p2", ["15:42", "16:55", "16:56", "16:58"]).slice(1)];
    expect(signOff(events, "").note).toBe("");
  });

  it("happens once: a signed day is closed to ordinary commands", () => {
    const events = [...dayEvents(), signOff(dayEvents(), "ok")];
    const state = replay(DAY, events);
    expect(state.signOff?.byName).toBe("带班 周校长");
    expect(codeOf(() => assertDayOpen(state))).toBe("DAY_CLOSED");
    expect(
      codeOf(() =>
        decideSignOff({ roster, state, now: moment("18:05"), by: leader, note: "x", eventId: "2" }),
      ),
    ).toBe("DAY_CLOSED");
    expect(codeOf(() => assertDayOpen(replay(DAY, dayEvents())))).toBeUndefined();
  });

  it("flags what is recorded after the sign-off, except the archive's own events", () => {
    const signed = replay(DAY, [...dayEvents(), signOff(dayEvents(), "ok")]);
    const later = [ev.unknownCard("18:10"), ev.collect("c3", "18:11")];
    const flagged = flagAfterSignOff(signed, later);
    const flag = (e: DayEvent | undefined) => (e as { afterSignOff?: boolean } | undefined)?.afterSignOff;
    expect(flagged.every((e) => flag(e) === true)).toBe(true);
    expect(flag(later[0])).toBeUndefined();
    const replayed = replay(DAY, [...dayEvents(), signOff(dayEvents(), "ok"), ...flagged]);
    expect(replayed.afterSignOff).toBe(2);
    // The gate never stops: the collection still counts.
    expect(replayed.children.get("c3")?.status).toBe("collected");
    expect(flag(flagAfterSignOff(replay(DAY, dayEvents()), later)[0])).toBeUndefined();
  });
});

describe("what may still be recorded after the sign-off", () => {
  const signed = () => replay(DAY, [...dayEvents(), signOff(dayEvents(), "ok")]);

  it("refuses a person's command about the children other than seeing a child out", () => {
    const checkIn = { ...ev.checkIn("c3", "18:10"), actor: { kind: "user" as const, id: "u-teacher" } };
    expect(codeOf(() => admitAfterSignOff(signed(), [checkIn]))).toBe("DAY_CLOSED");
    const leave = { ...ev.leave("c3", "病假", "妈妈", "18:10"), actor: { kind: "user" as const, id: "u-t" } };
    expect(codeOf(() => admitAfterSignOff(signed(), [leave]))).toBe("DAY_CLOSED");
    expect(admitAfterSignOff(replay(DAY, dayEvents()), [checkIn])).toEqual([checkIn]);
  });

  it("never strands a child: release, handover, reception and calls are after-sign-off entries", () => {
    const teacher = { kind: "user" as const, id: "u-teacher" };
    const guard = { kind: "user" as const, id: "u-guard" };
    const seeOut = [
      { ...ev.reception("c3", "18:05"), actor: guard },
      { ...ev.call("c3", true, "妈妈在路上", "18:06"), actor: guard },
      { ...ev.release("c3", "18:10"), actor: teacher },
      { ...ev.collect("c3", "18:12"), actor: guard },
    ];
    const admitted = admitAfterSignOff(signed(), seeOut);
    expect(admitted.map((e) => (e as { afterSignOff?: boolean }).afterSignOff)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const replayed = replay(DAY, [...dayEvents(), signOff(dayEvents(), "ok"), ...admitted]);
    expect(replayed.children.get("c3")?.status).toBe("collected");
    expect(replayed.afterSignOff).toBe(4);
  });

  it("the office changes who may collect after the sign-off too, unflagged (a roster record)", () => {
    const custody: DayEvent = {
      id: "custody-1",
      day: DAY,
      at: moment("18:30").toISOString(),
      actor: { kind: "user", id: "u-admin" },
      type: "custody:changed",
      change: "not_authorised_saved",
      childId: "c1",
      byUserId: "u-admin",
      byName: "教导处",
    };
    expect(admitAfterSignOff(signed(), [custody])).toEqual([custody]);
  });

  it("records what machines report, flagged, and staff attendance unflagged", () => {
    const tap = { ...ev.unknownCard("18:10"), actor: { kind: "device" as const, id: "d-gate" } };
    const clock = { ...ev.collect("c3", "18:11"), actor: { kind: "system" as const } };
    const signOut: DayEvent = {
      id: "so-staff",
      day: DAY,
      at: moment("18:30").toISOString(),
      actor: { kind: "user", id: "u-teacher" },
      type: "staff:signedOut",
      userId: "u-teacher",
      via: "login",
    };
    const admitted = admitAfterSignOff(signed(), [tap, clock, signOut]);
    expect(admitted.map((e) => (e as { afterSignOff?: boolean }).afterSignOff)).toEqual([
      true,
      true,
      undefined,
    ]);
  });
});

describe("amending a closed day", () => {
  const closed = () => [...dayEvents(), signOff(dayEvents(), "李四在接待室")];
  const amend = (
    events: DayEvent[],
    correction: Parameters<typeof decideAmendment>[0]["correction"],
    time = "18:30",
  ) =>
    decideAmendment({
      roster,
      state: replay(DAY, events),
      now: moment(time),
      by: leader,
      reason: "门卫电话确认",
      correction,
      eventId: `am-${time}`,
    });

  it("is refused before the sign-off: the ordinary screens still work then", () => {
    expect(codeOf(() => amend(dayEvents(), { kind: "note", text: "x" }))).toBe("DAY_NOT_CLOSED");
  });

  it("marks a child collected with the adult and the time, once", () => {
    const event = amend(closed(), {
      kind: "mark_collected",
      childId: "c3",
      adultName: "李爸爸",
      relation: "爸爸",
      time: "18:20",
    });
    expect(event).toMatchObject({
      type: "day:amended",
      reason: "门卫电话确认",
      byName: "带班 周校长",
      effect: { childId: "c3", status: "collected", collectedAt: "2026-11-23T18:20:00+08:00" },
    });
    const state = replay(DAY, [...closed(), event]);
    expect(state.children.get("c3")).toMatchObject({
      status: "collected",
      collectedAt: "2026-11-23T18:20:00+08:00",
    });
    expect(state.amendments).toHaveLength(1);
    // Collected at most once a day; a child on leave was never here.
    const again = { kind: "mark_collected", childId: "c3", adultName: "李爸爸", time: "18:25" } as const;
    expect(codeOf(() => amend([...closed(), event], again))).toBe("PICKUP_WRONG_STATE");
    expect(codeOf(() => amend(closed(), { ...again, childId: "c2" }))).toBe("PICKUP_WRONG_STATE");
  });

  it("refuses a collection time in the future and unknown children", () => {
    const future = { kind: "mark_collected", childId: "c3", adultName: "李爸爸", time: "19:00" } as const;
    expect(codeOf(() => amend(closed(), future, "18:30"))).toBe("VALIDATION_FAILED");
    expect(codeOf(() => amend(closed(), { ...future, childId: "nobody", time: "18:00" }))).toBe("NOT_FOUND");
  });

  it("records a leave only for a child who did not arrive", () => {
    const events = [...fullPickup("c1", "p1", ["15:40", "16:45", "16:48", "16:52"])];
    const signed = [...events, signOff(events, "")];
    const leave = {
      kind: "record_leave",
      childId: "c3",
      reason: "看牙",
      requestedBy: "李爸爸（微信）",
    } as const;
    const event = amend(signed, leave);
    expect(replay(DAY, [...signed, event]).children.get("c3")).toMatchObject({
      status: "on_leave",
      leaveReason: "看牙",
    });
    expect(codeOf(() => amend(signed, { ...leave, childId: "c1" }))).toBe("PICKUP_WRONG_STATE");
  });

  it("keeps a note with no effect on any child", () => {
    const event = amend(closed(), { kind: "note", text: "17:40 停电十分钟，读卡器离线" });
    expect(event.effect).toBeUndefined();
    expect(replay(DAY, [...closed(), event]).children.get("c3")?.status).toBe("checked_in");
  });

  it("needs a reason", () => {
    expect(() =>
      decideAmendment({
        roster,
        state: replay(DAY, closed()),
        now: moment("18:30"),
        by: leader,
        reason: " ",
        correction: { kind: "note", text: "x" },
        eventId: "a",
      }),
    ).toThrow(WanfengError);
  });
});
