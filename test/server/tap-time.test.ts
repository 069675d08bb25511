import { afterEach, describe, expect, it } from "vitest";
import { unwrap } from "../support/server-harness";
import { GateWorld, shanghai } from "./gate-harness";

/**
 * A tap is judged, shown and recorded at the time the card was read, corrected by the agent's clock
 * offset, however late it is delivered (grades 1–2 leave 16:40–16:50 in this school).
 */
describe("the tap's own time", () => {
  let w: GateWorld;
  afterEach(async () => {
    await w.stop();
  });

  it("a tap read before the dismissal window and delivered inside it is an early pickup", async () => {
    w = new GateWorld("16:30");
    await w.start();
    const room = await w.device("room1");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    w.setTime("16:38");
    const readBeforeWindow = w.tap("0000000001");
    // The network was down for four minutes: the agent delivers it at 16:42.
    w.setTime("16:42");
    const gate = await w.device("gate");
    const answer = await gate.emitWithAck("tap:report", readBeforeWindow);
    expect(unwrap(answer).result).toMatchObject({
      kind: "pickup",
      children: [{ childId: "c1", outcome: "early_pickup" }, { childId: "c2" }],
    });
    expect("serverAt" in answer && answer.serverAt).toBe(shanghai("16:42").toISOString());
    const guard = await w.screen("guard", { view: "gate" });
    expect(guard.snapshot.gate?.early).toEqual([
      expect.objectContaining({ at: shanghai("16:38").toISOString(), status: "pending" }),
    ]);
  });

  it("the gate screen shows a late-delivered request at the minute of the tap, clock offset corrected", async () => {
    w = new GateWorld("16:30");
    await w.start();
    const room = await w.device("room1");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000013")));
    w.setTime("16:43");
    // The gate PC's clock is 30 s behind; the agent measured it and says so.
    const read = { ...w.tap("0000000001"), at: shanghai("16:42:30").toISOString(), clockOffsetMs: 30_000 };
    w.setTime("16:47");
    const gate = await w.device("gate");
    const outcome = unwrap(await gate.emitWithAck("tap:report", read));
    expect(outcome.result).toMatchObject({
      kind: "pickup",
      children: [{ childId: "c1", outcome: "requested" }, {}],
    });
    const guard = await w.screen("guard", { view: "gate" });
    const c1 = guard.snapshot.children.find((c) => c.childId === "c1");
    expect(c1).toMatchObject({ status: "pickup_requested", requestedAt: shanghai("16:43").toISOString() });

    // The next tap from that device without a measurement is corrected by the last known offset.
    const again = { ...w.tap("0000000002"), at: shanghai("16:44:30").toISOString() };
    unwrap(await gate.emitWithAck("tap:report", again));
    const teacher = await w.screen("t1", { view: "room", groupId: "g1" });
    const requested = teacher.snapshot.children.map((c) => [c.childId, c.requestedAt]);
    expect(requested).toEqual([
      ["c1", shanghai("16:43").toISOString()],
      ["c3", shanghai("16:45").toISOString()],
    ]);
  });

  it("refuses a tap dated days ahead and alerts the guard", async () => {
    w = new GateWorld("16:45");
    await w.start();
    const gate = await w.device("gate");
    const future = {
      ...w.tap("0000000001"),
      at: new Date(shanghai("16:45").getTime() + 3 * 86_400_000).toISOString(),
    };
    const outcome = unwrap(await gate.emitWithAck("tap:report", future));
    expect(outcome.result).toEqual({ kind: "not_applicable", reason: "clock_skew" });
    const guard = await w.screen("guard", { view: "gate" });
    expect(guard.snapshot.alerts.map((a) => [a.kind, a.severity])).toEqual([["clock_skew", "danger"]]);
    expect(guard.snapshot.children.find((c) => c.childId === "c1")?.status).not.toBe("pickup_requested");
  });
});
