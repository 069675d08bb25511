import { describe, expect, it } from "vitest";
import { decideChildCommand } from "../../server/domain/child-commands";
import { childDay } from "../../server/domain/day-state";
import { dueGateEvents } from "../../server/domain/gate/gate-due";
import { alertView } from "../../server/domain/views";
import { gate, smallSchool, tap, world } from "./fixtures";
import { at, record, type World } from "./gate-fixtures";

/** c1 requested by 张妈妈 at the gate at 16:45 and released by the teacher at 16:46. */
function released(w: World = world()) {
  w.state.children.set("c1", { status: "checked_in" });
  tap(w, gate, "0000000001", at("16:45"));
  const release = decideChildCommand({
    kind: "release",
    childId: "c1",
    ...w,
    actor: { kind: "user", id: "u-t1" },
    eventId: "rel-c1",
    now: at("16:46"),
  });
  record(w, [release]);
  return w;
}

describe("collection confirmed at the gate (rule 6)", () => {
  it("a released child's own card at the gate reader: collected, via the card, at that gate", () => {
    const w = released();
    const d = tap(w, gate, "0000000011", at("16:48"));
    expect(d.result).toEqual({ kind: "exit", childId: "c1", childName: "张小明", outcome: "collected" });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "child:collected"]);
    expect(d.events[1]).toMatchObject({ childId: "c1", via: "card", deviceId: gate.id });
    expect(childDay(w.state, "c1")).toMatchObject({
      status: "collected",
      collectedAt: at("16:48").toISOString(),
    });
  });

  it("a child still in care at the gate: not released, a danger alert naming the child", () => {
    for (const status of ["checked_in", "pickup_requested"] as const) {
      const w = world();
      w.state.children.set("c1", { status });
      const d = tap(w, gate, "0000000011", at("16:48"));
      expect(d.result).toMatchObject({ kind: "exit", outcome: "not_released" });
      expect(childDay(w.state, "c1").status).toBe(status);
      expect(w.state.alerts).toHaveLength(1);
      expect(alertView(w.roster, w.state.alerts[0] as never)).toMatchObject({
        kind: "exit_refused",
        severity: "danger",
        childId: "c1",
        childName: "张小明",
        exitOutcome: "not_released",
        deviceName: "南门",
      });
    }
  });

  it("a second collection is an alert, not a request: the child's card again, or a guardian's card", () => {
    const w = released();
    tap(w, gate, "0000000011", at("16:48"));
    const again = tap(w, gate, "0000000011", at("16:50"));
    expect(again.result).toMatchObject({ kind: "exit", outcome: "already_collected" });
    expect(again.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(again.events[1]).toMatchObject({ kind: "exit_refused", severity: "warning" });
    const adult = tap(w, gate, "0000000002", at("16:51"));
    expect(adult.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(adult.events[1]).toMatchObject({
      kind: "pickup_refused",
      childOutcomes: [{ childName: "李四", outcome: "not_checked_in" }],
    });
    expect(() =>
      decideChildCommand({
        kind: "collect",
        childId: "c1",
        ...w,
        actor: { kind: "user", id: "u-guard" },
        eventId: "again",
        now: at("16:52"),
      }),
    ).toThrow(expect.objectContaining({ code: "PICKUP_WRONG_STATE" }));
  });

  it("a child not in care today at the gate: nothing but the tap", () => {
    const w = world();
    w.state.children.set("c1", { status: "on_leave" });
    const d = tap(w, gate, "0000000011", at("16:48"));
    expect(d.result).toMatchObject({ kind: "exit", outcome: "not_in_care" });
    expect(d.events).toHaveLength(1);
  });
});

describe("released but not collected: the gate clock's alarm", () => {
  it("nothing before the configured minutes, one danger alarm after, never twice", () => {
    const w = released();
    expect(dueGateEvents(w.roster, w.state, at("16:55:59"))).toEqual([]);
    const due = dueGateEvents(w.roster, w.state, at("16:56"));
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({
      type: "alert:raised",
      kind: "released_not_collected",
      severity: "danger",
      childId: "c1",
      childName: "张小明",
      releasedAt: at("16:46").toISOString(),
      deviceId: gate.id,
      actor: { kind: "system" },
      at: at("16:56").toISOString(),
    });
    record(w, due);
    expect(dueGateEvents(w.roster, w.state, at("16:57"))).toEqual([]);
  });

  it("the minutes come from the settings; a child collected in time raises nothing", () => {
    const db = smallSchool();
    db.settings.releasedAlarmMinutes = 3;
    const w = released(world(db));
    expect(dueGateEvents(w.roster, w.state, at("16:49")).map((e) => e.type)).toEqual(["alert:raised"]);
    const other = released();
    tap(other, gate, "0000000011", at("16:50"));
    expect(dueGateEvents(other.roster, other.state, at("16:59"))).toEqual([]);
  });

  it("the alarm's id is its child and release, so a replayed check records the same fact", () => {
    const w = released();
    const [first] = dueGateEvents(w.roster, w.state, at("16:56"));
    const [second] = dueGateEvents(w.roster, w.state, at("16:58"));
    expect(first?.id).toBe(second?.id);
  });
});
