import { afterEach, describe, expect, it } from "vitest";
import { nextEvent, unwrap } from "../support/server-harness";
import { GateWorld, heardWithin } from "./gate-harness";

describe("an early pickup at the gate (rule 7)", () => {
  let w: GateWorld;
  afterEach(async () => {
    await w.stop();
  });

  it("is held for the guard; only the guard's registration sends the request to the room", async () => {
    w = new GateWorld("15:30");
    await w.start();
    const kiosk = await w.screen("t1", { view: "room", groupId: "g1" });
    const guard = await w.screen("guard", { view: "gate" });
    expect(guard.snapshot.gate).toMatchObject({ early: [], late: [], register: [], receptionRoom: "接待室" });
    const room = await w.device("room1");
    const gate = await w.device("gate");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));

    const board = nextEvent(guard.socket, "gate:changed", (b) => b.early.length > 0);
    const kioskHeard = heardWithin(kiosk.socket, "pickup:requested", 400);
    const outcome = unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    expect(outcome.result).toMatchObject({
      kind: "pickup",
      children: [
        { childId: "c1", outcome: "early_pickup" },
        { childId: "c2", outcome: "not_checked_in" },
      ],
    });
    const [{ early }] = await board;
    expect(early).toEqual([
      expect.objectContaining({
        status: "pending",
        child: expect.objectContaining({ childId: "c1", status: "checked_in" }),
        adult: expect.objectContaining({ name: "张妈妈", relation: "妈妈" }),
        gateName: "南门",
      }),
    ]);
    expect(await kioskHeard).toEqual([]);
    const askId = early[0]?.id ?? "";

    // Only the guard (and admin) keep the gate's record.
    const teacher = await w.screen("t1", { view: "room", groupId: "g1" });
    const refused = await teacher.socket.emitWithAck("gate:registerEarly", { askId, reason: "看病" });
    expect(refused).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
    const tech = await w.screen("admin", { view: "gate" });
    const blank = await tech.socket.emitWithAck("gate:registerEarly", { askId, reason: "  " });
    expect(blank).toMatchObject({ error: { code: "VALIDATION_FAILED" } });

    w.setTime("15:32");
    const announced = nextEvent(kiosk.socket, "pickup:requested");
    const registered = unwrap(
      await guard.socket.emitWithAck("gate:registerEarly", { askId, reason: "看牙医" }),
    );
    expect(registered.early[0]).toMatchObject({
      status: "registered",
      reason: "看牙医",
      decidedByName: "保安",
    });
    expect((await announced)[0].child).toMatchObject({
      childId: "c1",
      status: "pickup_requested",
      earlyReason: "看牙医",
      requestedBy: { name: "张妈妈" },
    });
    const again = await guard.socket.emitWithAck("gate:registerEarly", { askId, reason: "看牙医" });
    expect(again).toMatchObject({ error: { code: "PICKUP_WRONG_STATE" } });
  });

  it("a guard may cancel an early pickup; a teacher may not", async () => {
    w = new GateWorld("15:30");
    await w.start();
    const guard = await w.screen("guard", { view: "gate" });
    const room = await w.device("room1");
    const gate = await w.device("gate");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    const snapshot = unwrap(await guard.socket.emitWithAck("view:join", { view: "gate" }));
    const askId = snapshot.gate?.early[0]?.id ?? "";
    const teacher = await w.screen("t1", { view: "room", groupId: "g1" });
    expect(await teacher.socket.emitWithAck("gate:cancelEarly", { askId })).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
    const board = unwrap(await guard.socket.emitWithAck("gate:cancelEarly", { askId }));
    expect(board.early[0]?.status).toBe("cancelled");
  });
});
