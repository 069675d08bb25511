import { describe, expect, it } from "vitest";
import { applyEvent } from "../../server/domain/day-state";
import { decideAlertAck } from "../../server/domain/gate/alert-ack";
import { alertViews } from "../../server/domain/views";
import { AFTERNOON, gate, room1, tap, world } from "./fixtures";

const later = (ms: number) => new Date(AFTERNOON.getTime() + ms);
const guard = { id: "u-guard", name: "王门卫" };

describe("every refusal says why, per child", () => {
  it("already requested: by whom and when, in the result and the alert", () => {
    const w = world();
    tap(w, room1, "0000000013");
    const first = tap(w, gate, "0000000002", later(1000));
    const requestedAt = first.events[0]?.at;
    const again = tap(w, gate, "0000000002", later(10_000));
    expect(again.result).toMatchObject({
      kind: "pickup",
      children: [{ childId: "c3", outcome: "already_requested", byName: "李爸爸", since: requestedAt }],
    });
    expect(w.state.alerts[0]).toMatchObject({
      kind: "pickup_refused",
      childOutcomes: [
        { childName: "李四", outcome: "already_requested", byName: "李爸爸", since: requestedAt },
      ],
    });
  });

  it("already collected by another adult: who and when; on leave: the leave's reason", () => {
    const w = world();
    w.state.children.set("c1", {
      status: "collected",
      requestedByGuardianId: "p2",
      collectedAt: "2026-11-23T08:40:00.000Z",
    });
    w.state.children.set("c2", { status: "on_leave", leaveReason: "看病" });
    tap(w, gate, "0000000001");
    expect(w.state.alerts[0]?.childOutcomes).toEqual([
      {
        childName: "张小明",
        outcome: "already_collected",
        byName: "李爸爸",
        since: "2026-11-23T08:40:00.000Z",
      },
      { childName: "张小红", outcome: "on_leave", leaveReason: "看病" },
    ]);
  });

  it("not checked in: the outcome alone", () => {
    const w = world();
    tap(w, gate, "0000000002");
    expect(w.state.alerts[0]?.childOutcomes).toEqual([{ childName: "李四", outcome: "not_checked_in" }]);
  });
});

describe("acknowledging an alert", () => {
  it("records who, when and the note; the view carries it; a second acknowledgement records nothing", () => {
    const w = world();
    tap(w, gate, "0123456789");
    const alertId = w.state.alerts[0]?.id ?? "";
    const events = decideAlertAck(
      w.state,
      { alertId, note: "问过了，是新生家长" },
      guard,
      later(60_000),
      () => "ack1",
    );
    expect(events).toMatchObject([
      {
        type: "alert:acknowledged",
        alertId,
        byUserId: "u-guard",
        byName: "王门卫",
        note: "问过了，是新生家长",
      },
    ]);
    for (const e of events) applyEvent(w.state, e);
    expect(alertViews(w.roster, w.state)[0]?.acknowledged).toEqual({
      byName: "王门卫",
      at: later(60_000).toISOString(),
      note: "问过了，是新生家长",
    });
    expect(decideAlertAck(w.state, { alertId }, guard, later(70_000), () => "ack2")).toEqual([]);
  });

  it("an unknown alert is NOT_FOUND", () => {
    const w = world();
    expect(() => decideAlertAck(w.state, { alertId: "nope" }, guard, AFTERNOON, () => "x")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
  });
});
