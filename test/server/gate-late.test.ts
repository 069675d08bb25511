import { afterEach, describe, expect, it } from "vitest";
import { smallSchool } from "../domain/fixtures";
import { nextEvent, unwrap } from "../support/server-harness";
import { GateWorld } from "./gate-harness";

describe("the gate after release and after care end (rules 6, 9, 10)", () => {
  let w: GateWorld;
  afterEach(async () => {
    await w.stop();
  });

  it("released and not collected: the gate clock raises the alarm; the child's card then collects", async () => {
    w = new GateWorld("16:45");
    await w.start();
    const kiosk = await w.screen("t1", { view: "room", groupId: "g1" });
    const guard = await w.screen("guard", { view: "gate" });
    const room = await w.device("room1");
    const gate = await w.device("gate");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    unwrap(await kiosk.socket.emitWithAck("child:release", { childId: "c1" }));

    const alarm = nextEvent(guard.socket, "alert:raised", (a) => a.kind === "released_not_collected");
    w.setTime("16:55:30");
    expect((await alarm)[0]).toMatchObject({
      severity: "danger",
      childId: "c1",
      childName: "张小明",
      deviceName: "南门",
    });

    const board = nextEvent(guard.socket, "gate:changed", (b) => b.register.length > 0);
    const exit = unwrap(await gate.emitWithAck("tap:report", w.tap("0000000011")));
    expect(exit.result).toEqual({ kind: "exit", childId: "c1", childName: "张小明", outcome: "collected" });
    expect((await board)[0].register).toEqual([
      expect.objectContaining({
        kind: "exit",
        childId: "c1",
        via: "card",
        gateName: "南门",
        adultName: "张妈妈",
      }),
    ]);
    // A second collection attempt is an alert, not a request.
    w.setTime("16:56:30");
    const second = nextEvent(guard.socket, "alert:raised", (a) => a.kind === "exit_refused");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000011")));
    expect((await second)[0]).toMatchObject({ exitOutcome: "already_collected", childName: "张小明" });
  });

  it("a child still in care at care end is on the late list; reception, calls and the late collection", async () => {
    w = new GateWorld("16:30");
    const db = smallSchool();
    db.settings.receptionRoomName = "一楼接待室";
    await w.start(db);
    const kiosk = await w.screen("t1", { view: "room", groupId: "g1" });
    const guard = await w.screen("guard", { view: "gate" });
    const room = await w.device("room1");
    const gate = await w.device("gate");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000013"))); // 李四, grade 2: care ends 17:00

    const late = nextEvent(guard.socket, "gate:changed", (b) => b.late.length > 0);
    w.setTime("17:00:05");
    const [lateBoard] = await late;
    expect(lateBoard.late).toEqual([
      expect.objectContaining({
        careEndsAt: "2026-11-23T17:00:00+08:00",
        child: expect.objectContaining({ childId: "c3", status: "checked_in" }),
        guardians: [{ guardianId: "p2", name: "李爸爸", relation: "爸爸", phone: "2" }],
      }),
    ]);

    const teacher = await w.screen("t1", { view: "room", groupId: "g1" });
    const call = { childId: "c3", guardianId: "p2", reached: false, note: "关机" };
    expect(await teacher.socket.emitWithAck("gate:logContact", call)).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
    expect(await teacher.socket.emitWithAck("gate:moveToReception", { childId: "c3" })).toMatchObject({
      error: { code: "AUTH_FORBIDDEN" },
    });
    w.setTime("17:02");
    unwrap(await guard.socket.emitWithAck("gate:logContact", call));
    w.setTime("17:05");
    const moved = unwrap(await guard.socket.emitWithAck("gate:moveToReception", { childId: "c3" }));
    expect(moved.late[0]).toMatchObject({
      receptionRoom: "一楼接待室",
      contacts: [
        expect.objectContaining({
          calledName: "李爸爸",
          phone: "2",
          reached: false,
          note: "关机",
          byName: "保安",
        }),
      ],
    });

    w.setTime("17:20");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000002")));
    unwrap(await kiosk.socket.emitWithAck("child:release", { childId: "c3" }));
    w.setTime("17:22");
    unwrap(await guard.socket.emitWithAck("child:collect", { childId: "c3" }));
    const after = unwrap(await guard.socket.emitWithAck("view:join", { view: "gate" }));
    expect(after.gate?.late[0]).toMatchObject({ collectedAt: w.now.toISOString() });
    expect(after.gate?.register.map((e) => [e.kind, e.childName, e.via])).toEqual([
      ["exit", "李四", "touch"],
    ]);

    // The guard records the child coming back in, with the reason; the register keeps both.
    const back = unwrap(
      await guard.socket.emitWithAck("gate:reenter", { childId: "c3", reason: "回教室取书包" }),
    );
    expect(back.register.map((e) => e.kind)).toEqual(["exit", "reentry"]);
  });

  it("a not-authorised adult's card: a red alert with child and adult, never a request", async () => {
    w = new GateWorld("16:45");
    const db = smallSchool();
    const c1 = db.children.find((c) => c.id === "c1");
    if (c1) c1.notAuthorised = [{ name: "李爸爸", relation: "继父", note: "法院裁定", guardianId: "p2" }];
    await w.start(db);
    const kiosk = await w.screen("t1", { view: "room", groupId: "g1" });
    const guard = await w.screen("guard", { view: "gate" });
    const room = await w.device("room1");
    const gate = await w.device("gate");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    const announced: string[] = [];
    kiosk.socket.on("pickup:requested", ({ child }) => announced.push(child.childId));
    const red = nextEvent(guard.socket, "alert:raised", (a) => a.kind === "custody_refused");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000002")));
    expect((await red)[0]).toMatchObject({
      severity: "danger",
      holderName: "李爸爸",
      childOutcomes: [{ childName: "张小明", outcome: "not_authorised" }],
    });
    expect(announced).toEqual([]);
  });
});
