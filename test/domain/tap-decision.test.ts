import { describe, expect, it } from "vitest";
import { childDay } from "../../server/domain/day-state";
import { AFTERNOON, gate, room1, tap, world } from "./fixtures";

const later = (ms: number) => new Date(AFTERNOON.getTime() + ms);

describe("a tap at the gate", () => {
  it("unknown card: a warning alert with the raw card id, no request", () => {
    const w = world();
    const d = tap(w, gate, "0123456789");
    expect(d.result).toEqual({ kind: "unknown_card", cardId: "0123456789" });
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(w.state.alerts[0]).toMatchObject({
      kind: "unknown_card",
      severity: "warning",
      cardId: "0123456789",
    });
  });

  it("lost card: a danger alert naming the holder", () => {
    const w = world();
    const d = tap(w, gate, "0000000099");
    expect(d.result).toMatchObject({ kind: "card_blocked", cardStatus: "lost", holderName: "李爸爸" });
    expect(w.state.alerts[0]).toMatchObject({
      kind: "card_blocked",
      severity: "danger",
      holderName: "李爸爸",
    });
  });

  it("guardian card: one request per checked-in child, a reason for the others", () => {
    const w = world();
    tap(w, room1, "0000000011"); // c1 checks in; c2 never does
    const d = tap(w, gate, "0000000001", later(10_000));
    expect(d.result).toMatchObject({
      kind: "pickup",
      guardianName: "张妈妈",
      children: [
        { childId: "c1", outcome: "requested" },
        { childId: "c2", outcome: "not_checked_in" },
      ],
    });
    expect(childDay(w.state, "c1")).toMatchObject({
      status: "pickup_requested",
      requestedByGuardianId: "p1",
    });
    expect(childDay(w.state, "c2").status).toBe("expected");
    expect(w.state.alerts).toHaveLength(0);
  });

  it("guardian card with no child to request: a refused-pickup alert listing each reason", () => {
    const w = world();
    const d = tap(w, gate, "0000000002");
    expect(d.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(w.state.alerts[0]).toMatchObject({
      kind: "pickup_refused",
      holderName: "李爸爸",
      childOutcomes: [{ childName: "李四", outcome: "not_checked_in" }],
    });
  });

  it.each([
    ["on_leave", "on_leave"],
    ["pickup_requested", "already_requested"],
    ["released", "already_released"],
    ["collected", "already_collected"],
  ] as const)("child %s → %s", (status, outcome) => {
    const w = world();
    w.state.children.set("c3", { status });
    const d = tap(w, gate, "0000000002");
    expect(d.result).toMatchObject({ kind: "pickup", children: [{ childId: "c3", outcome }] });
  });

  it("the same card again within the debounce window is one tap; after it, it counts again", () => {
    const w = world();
    tap(w, room1, "0000000013");
    tap(w, gate, "0000000002", later(1000));
    expect(tap(w, gate, "0000000002", later(2500)).result).toEqual({ kind: "debounced" });
    expect(tap(w, gate, "0000000002", later(4100)).result).toMatchObject({
      kind: "pickup",
      children: [{ outcome: "already_requested" }],
    });
  });

  it("a debounced tap does not extend the window", () => {
    const w = world();
    tap(w, gate, "0123456789");
    tap(w, gate, "0123456789", later(2000));
    expect(tap(w, gate, "0123456789", later(3500)).result.kind).toBe("unknown_card");
  });

  it("a child's card at the gate is not a pickup: a child not in care today leaves no trace but the tap", () => {
    const d = tap(world(), gate, "0000000011");
    expect(d.result).toEqual({ kind: "exit", childId: "c1", childName: "张小明", outcome: "not_in_care" });
    expect(d.events).toHaveLength(1);
    // Released children and the other cases are in gate-collection.test.ts.
  });

  it("a scanned code at the gate is read as a delegate pass (see pass-decision.test.ts)", () => {
    const d = tap(world(), gate, { kind: "code", text: "hello" });
    expect(d.result).toEqual({ kind: "pass", refused: "not_a_pass", children: [] });
    expect(tap(world(), room1, { kind: "code", text: "hello" }).result).toEqual({
      kind: "not_applicable",
      reason: "code_not_supported",
    });
  });

  it("a tap from an earlier school day (delivered late) changes nothing", () => {
    const w = world();
    w.state.children.set("c3", { status: "checked_in" });
    const d = tap(w, gate, "0000000002", new Date("2026-11-22T08:00:00Z"));
    expect(d.result).toEqual({ kind: "stale", tapDay: "2026-11-22" });
    expect(childDay(w.state, "c3").status).toBe("checked_in");
  });

  it("event ids derive from the tap id", () => {
    const d = tap(world(), gate, "0123456789");
    const [tapEvent, alertEvent] = d.events;
    expect(alertEvent?.id).toBe(`${tapEvent?.id}#1`);
  });
});

describe("a tap at a care-room reader", () => {
  it("checks in a child of this group", () => {
    const w = world();
    const d = tap(w, room1, "0000000011");
    expect(d.result).toEqual({ kind: "check_in", childId: "c1", childName: "张小明", outcome: "checked_in" });
    expect(childDay(w.state, "c1")).toMatchObject({ status: "checked_in" });
  });

  it.each([
    ["checked_in", "already_checked_in"],
    ["pickup_requested", "already_checked_in"],
    ["on_leave", "on_leave"],
    ["released", "gone_home"],
    ["collected", "gone_home"],
  ] as const)("child %s → %s, nothing changes", (status, outcome) => {
    const w = world();
    w.state.children.set("c1", { status });
    const d = tap(w, room1, "0000000011");
    expect(d.result).toMatchObject({ kind: "check_in", outcome });
    expect(d.events).toHaveLength(1);
    expect(childDay(w.state, "c1").status).toBe(status);
  });

  it("refuses a child of another group", () => {
    const w = world();
    const d = tap(w, room1, "0000000012");
    expect(d.result).toMatchObject({ kind: "check_in", childId: "c2", outcome: "wrong_group" });
    expect(childDay(w.state, "c2").status).toBe("expected");
  });

  it("a guardian's card at a room reader starts no pickup", () => {
    const w = world();
    tap(w, room1, "0000000011");
    const d = tap(w, room1, "0000000001", later(5000));
    expect(d.result).toEqual({ kind: "not_applicable", reason: "guardian_at_room" });
    expect(childDay(w.state, "c1").status).toBe("checked_in");
  });

  it("unknown and lost cards raise alerts at rooms too", () => {
    const w = world();
    expect(tap(w, room1, "0123456789").result.kind).toBe("unknown_card");
    expect(tap(w, room1, "0000000099").result.kind).toBe("card_blocked");
    expect(w.state.alerts.map((a) => a.kind)).toEqual(["unknown_card", "card_blocked"]);
  });
});
