import { describe, expect, it } from "vitest";
import { applyEvent } from "../../server/domain/day-state";
import { decideHandover } from "../../server/domain/room/handover";
import { decideRollCall } from "../../server/domain/room/rollcall";
import { roomDayView } from "../../server/domain/room/room-view";
import { DAY, world } from "./fixtures";
import { AFTER_CARE_START, roomSchool, teacher } from "./room-fixtures";

function preparedWorld() {
  const w = world(roomSchool());
  const base = { day: DAY, at: AFTER_CARE_START.toISOString(), actor: teacher };
  applyEvent(w.state, { ...base, id: "e1", type: "child:checked_in", childId: "c1", via: "card" });
  applyEvent(w.state, {
    ...base,
    id: "e2",
    type: "leave:recorded",
    childId: "c3",
    reason: "看牙",
    requestedBy: "李爸爸（爸爸）",
  });
  return w;
}

describe("roll call (rule 4)", () => {
  it("records the teacher's count beside the system's, and a mismatch", () => {
    const w = preparedWorld();
    const input = {
      ...w,
      groupId: "g1",
      actor: teacher,
      byName: "王老师",
      eventId: "r1",
      now: AFTER_CARE_START,
    };
    const ok = decideRollCall({ ...input, counted: 1 });
    expect(ok).toMatchObject({ type: "rollcall:confirmed", counted: 1, mismatch: false, byName: "王老师" });
    expect(ok.counts).toMatchObject({ total: 2, present: 1, onLeave: 1, unexplained: 0 });
    const off = decideRollCall({ ...input, counted: 2 });
    expect(off.mismatch).toBe(true);
    applyEvent(w.state, off);
    expect(roomDayView(w.roster, w.state, "g1", []).rollCall).toMatchObject({ counted: 2, mismatch: true });
  });

  it("names the children unexplained at that moment", () => {
    const w = world(roomSchool());
    const event = decideRollCall({
      ...w,
      groupId: "g1",
      counted: 0,
      actor: teacher,
      byName: "王老师",
      eventId: "r",
      now: AFTER_CARE_START,
    });
    expect(event.unexplainedChildIds.sort()).toEqual(["c1", "c3"]);
  });

  it("an unknown group is refused", () => {
    const w = world(roomSchool());
    expect(() =>
      decideRollCall({
        ...w,
        groupId: "nope",
        counted: 0,
        actor: teacher,
        byName: "x",
        eventId: "r",
        now: AFTER_CARE_START,
      }),
    ).toThrow();
  });
});

describe("handover (rule 5)", () => {
  const kioskUser = { userId: "u-t1", name: "王老师" };

  it("records both parties, the counts and the leave list; the receiver then has the group", () => {
    const w = preparedWorld();
    const event = decideHandover({
      ...w,
      groupId: "g1",
      kioskUser,
      to: { kind: "volunteer", name: "陈家长", phone: "139" },
      counted: 1,
      actor: teacher,
      eventId: "h1",
      now: AFTER_CARE_START,
    });
    expect(event).toMatchObject({
      type: "group:handedOver",
      from: kioskUser,
      to: { kind: "volunteer", name: "陈家长" },
      counted: 1,
      mismatch: false,
      leaves: [{ childId: "c3", childName: "李四", reason: "看牙" }],
    });
    applyEvent(w.state, event);
    expect(roomDayView(w.roster, w.state, "g1", []).holder).toMatchObject({
      name: "陈家长",
      kind: "volunteer",
      fromName: "王老师",
    });
    // The next handover starts from the volunteer, whoever is logged in on the kiosk.
    const back = decideHandover({
      ...w,
      groupId: "g1",
      kioskUser,
      to: { kind: "staff", userId: "u-t1", name: "王老师" },
      counted: 1,
      actor: teacher,
      eventId: "h2",
      now: AFTER_CARE_START,
    });
    expect(back.from).toEqual({ userId: "", name: "陈家长" });
  });

  it("handing the group to the person who has it is refused", () => {
    const w = preparedWorld();
    expect(() =>
      decideHandover({
        ...w,
        groupId: "g1",
        kioskUser,
        to: { kind: "staff", userId: "u-t1", name: "王老师" },
        counted: 1,
        actor: teacher,
        eventId: "h",
        now: AFTER_CARE_START,
      }),
    ).toThrow(/already has/);
  });
});
