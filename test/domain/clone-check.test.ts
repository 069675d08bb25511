import { describe, expect, it } from "vitest";
import { childDay } from "../../server/domain/day-state";
import type { Device } from "../../server/domain/entities";
import { AFTERNOON, gate, room1, smallSchool, tap, world } from "./fixtures";

const later = (ms: number) => new Date(AFTERNOON.getTime() + ms);
const northGate: Device = { id: "d-north", name: "北门", kind: "gate", tokenHash: "z", createdAt: "" };

function twoGates(cloneWindowMs?: number) {
  const db = smallSchool();
  db.devices.push(northGate);
  if (cloneWindowMs !== undefined) db.settings.cloneWindowMs = cloneWindowMs;
  const w = world(db);
  tap(w, room1, "0000000013"); // 李四 checked in
  return w;
}

describe("the cloned-card alarm", () => {
  it("the same card at two gates 1 s apart: the second tap requests no one and raises a red alert naming both", () => {
    const w = twoGates();
    const first = tap(w, gate, "0000000002", later(1000));
    expect(first.result).toMatchObject({ children: [{ outcome: "requested" }] });
    const second = tap(w, northGate, "0000000002", later(2000));
    expect(second.result).toMatchObject({
      kind: "pickup",
      children: [{ childId: "c3", outcome: "possible_clone" }],
    });
    expect(second.events.map((e) => e.type)).toEqual(["tap:received", "alert:raised"]);
    expect(second.events[1]).toMatchObject({
      kind: "possible_clone",
      severity: "danger",
      deviceId: "d-north",
      otherDeviceId: "d-gate",
      otherAt: later(1000).toISOString(),
      cardId: "0000000002",
      holderName: "李爸爸",
    });
  });

  it("within the window either way round; outside it an ordinary tap", () => {
    const w = twoGates();
    tap(w, gate, "0000000002", later(1000));
    expect(tap(w, northGate, "0000000002", later(60_999)).result).toMatchObject({
      children: [{ outcome: "possible_clone" }],
    });
    const w2 = twoGates();
    tap(w2, gate, "0000000002", later(1000));
    expect(tap(w2, northGate, "0000000002", later(61_000)).result).toMatchObject({
      children: [{ outcome: "already_requested" }],
    });
  });

  it("the window is a setting; 0 turns the two-gate check off", () => {
    const short = twoGates(5000);
    tap(short, gate, "0000000002", later(1000));
    expect(tap(short, northGate, "0000000002", later(7000)).result).toMatchObject({
      children: [{ outcome: "already_requested" }],
    });
    const off = twoGates(0);
    tap(off, gate, "0000000002", later(1000));
    expect(tap(off, northGate, "0000000002", later(2000)).result).toMatchObject({
      children: [{ outcome: "already_requested" }],
    });
  });

  it("the same gate twice is the debounce's business, not a clone", () => {
    const w = twoGates();
    tap(w, gate, "0000000002", later(1000));
    expect(tap(w, gate, "0000000002", later(5000)).result).toMatchObject({
      children: [{ outcome: "already_requested" }],
    });
  });

  it("the card again after its holder collected every child today: a clone alarm naming the first gate", () => {
    const w = twoGates();
    const first = tap(w, gate, "0000000002", later(1000));
    w.state.children.set("c3", {
      ...childDay(w.state, "c3"),
      status: "collected",
      collectedAt: later(200_000).toISOString(),
    });
    const again = tap(w, gate, "0000000002", later(600_000));
    expect(again.result).toMatchObject({ children: [{ outcome: "possible_clone" }] });
    expect(again.events[1]).toMatchObject({
      kind: "possible_clone",
      otherDeviceId: "d-gate",
      otherAt: first.events[0]?.at,
    });
    expect(childDay(w.state, "c3").status).toBe("collected");
  });

  it("children collected by another adult: the late parent gets a refusal with its reason, not an alarm", () => {
    const w = world();
    w.state.children.set("c3", { status: "collected", requestedByGuardianId: "p1", collectedAt: "x" });
    expect(tap(w, gate, "0000000002").result).toMatchObject({ children: [{ outcome: "already_collected" }] });
  });
});
