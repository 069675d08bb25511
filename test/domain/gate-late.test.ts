import { describe, expect, it } from "vitest";
import { childDay } from "../../server/domain/day-state";
import { decideContactLog, decideReceptionMove } from "../../server/domain/gate/gate-commands";
import { dueGateEvents } from "../../server/domain/gate/gate-due";
import { gateBoard, lateChildren } from "../../server/domain/gate/gate-views";
import { gate, smallSchool, tap, world } from "./fixtures";
import { at, guardCtx, record } from "./gate-fixtures";

/** c1 (grade 1, care ends 17:00) and c2 (grade 3, care ends 17:10) still in care; c3 on leave. */
function afternoon() {
  const w = world();
  w.state.children.set("c1", { status: "checked_in" });
  w.state.children.set("c2", { status: "checked_in" });
  w.state.children.set("c3", { status: "on_leave" });
  return w;
}

describe("late pickup (rule 9): the late list", () => {
  it("a child still in care is late from their band's care end on, not before", () => {
    const w = afternoon();
    expect(lateChildren(w.roster, w.state, at("16:59:59"))).toEqual([]);
    const late = lateChildren(w.roster, w.state, at("17:00"));
    expect(late.map((l) => [l.child.childId, l.careEndsAt])).toEqual([["c1", "2026-11-23T17:00:00+08:00"]]);
    expect(late[0]?.guardians).toEqual([
      { guardianId: "p1", name: "张妈妈", relation: "妈妈", phone: "13800000001" },
    ]);
    expect(lateChildren(w.roster, w.state, at("17:10")).map((l) => l.child.childId)).toEqual(["c1", "c2"]);
  });

  it("requested and released children are still in care; on leave and collected in time are not late", () => {
    const w = afternoon();
    w.state.children.set("c2", { status: "released", releasedAt: at("17:05").toISOString() });
    w.state.children.set("c1", { status: "collected", collectedAt: at("16:58").toISOString() });
    expect(
      lateChildren(w.roster, w.state, at("17:20")).map((l) => [l.child.childId, l.child.status]),
    ).toEqual([["c2", "released"]]);
  });

  it("the gate clock marks each late child once, with the care end that passed", () => {
    const w = afternoon();
    expect(dueGateEvents(w.roster, w.state, at("16:59"))).toEqual([]);
    const due = dueGateEvents(w.roster, w.state, at("17:00:10"));
    expect(due).toEqual([
      {
        id: "late:2026-11-23:c1",
        type: "child:markedLate",
        day: "2026-11-23",
        at: at("17:00:10").toISOString(),
        actor: { kind: "system" },
        childId: "c1",
        careEndsAt: "2026-11-23T17:00:00+08:00",
      },
    ]);
    record(w, due);
    expect(dueGateEvents(w.roster, w.state, at("17:05"))).toEqual([]);
    expect(
      dueGateEvents(w.roster, w.state, at("17:10")).map((e) => e.type === "child:markedLate" && e.childId),
    ).toEqual(["c2"]);
  });

  it("no late marks on a day without care", () => {
    const w = afternoon();
    w.state.day = "2026-11-28";
    expect(dueGateEvents(w.roster, w.state, new Date("2026-11-28T18:00:00+08:00"))).toEqual([]);
    expect(lateChildren(w.roster, w.state, new Date("2026-11-28T18:00:00+08:00"))).toEqual([]);
  });

  it("moved to the reception room (its name from the settings), once, only while in care", () => {
    const db = smallSchool();
    db.settings.receptionRoomName = "一楼接待室";
    const w = world(db);
    w.state.children.set("c1", { status: "checked_in" });
    const moved = record(w, decideReceptionMove(guardCtx(w, at("17:05")), { childId: "c1" }));
    expect(moved[0]).toMatchObject({ type: "child:movedToReception", childId: "c1", roomName: "一楼接待室" });
    expect(lateChildren(w.roster, w.state, at("17:06"))[0]).toMatchObject({
      receptionRoom: "一楼接待室",
      receptionAt: at("17:05").toISOString(),
    });
    expect(gateBoard(w.roster, w.state, at("17:06")).receptionRoom).toBe("一楼接待室");
    const again = () => decideReceptionMove(guardCtx(w, at("17:06")), { childId: "c1" });
    expect(again).toThrow(expect.objectContaining({ code: "PICKUP_WRONG_STATE" }));
    const gone = () => decideReceptionMove(guardCtx(w, at("17:06")), { childId: "c3" });
    expect(gone).toThrow(expect.objectContaining({ code: "PICKUP_WRONG_STATE" }));
    expect(() => decideReceptionMove(guardCtx(w, at("17:06")), { childId: "zz" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(gateBoard(world().roster, world().state, at("17:00")).receptionRoom).toBe("接待室");
  });

  it("every call is logged: a guardian from the roster (name, relation, phone) or a named person", () => {
    const w = afternoon();
    record(
      w,
      decideContactLog(guardCtx(w, at("17:02")), {
        childId: "c1",
        guardianId: "p1",
        reached: false,
        note: "无人接听",
      }),
    );
    record(
      w,
      decideContactLog(guardCtx(w, at("17:04")), {
        childId: "c1",
        calledName: "张爷爷",
        reached: true,
        note: "",
      }),
    );
    const [entry] = lateChildren(w.roster, w.state, at("17:05"));
    expect(entry?.contacts).toEqual([
      expect.objectContaining({
        at: at("17:02").toISOString(),
        calledName: "张妈妈",
        relation: "妈妈",
        phone: "13800000001",
        reached: false,
        note: "无人接听",
        byName: "保安老王",
      }),
      expect.objectContaining({ calledName: "张爷爷", reached: true, note: "" }),
    ]);
    expect(() =>
      decideContactLog(guardCtx(w, at("17:06")), { childId: "c1", guardianId: "p2", reached: true }),
    ).toThrow(expect.objectContaining({ code: "NOT_FOUND" }));
    expect(() => decideContactLog(guardCtx(w, at("17:06")), { childId: "c1", reached: true })).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
  });

  it("collection closes the late entry with the time; it stays on the list, open ones first", () => {
    const w = afternoon();
    tap(w, gate, "0000000001", at("17:15"));
    w.state.children.set("c1", {
      ...childDay(w.state, "c1"),
      status: "collected",
      collectedAt: at("17:20").toISOString(),
    });
    const late = lateChildren(w.roster, w.state, at("17:25"));
    expect(late.map((l) => [l.child.childId, l.collectedAt])).toEqual([
      ["c2", undefined],
      ["c1", at("17:20").toISOString()],
    ]);
  });
});
