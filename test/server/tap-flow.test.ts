import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TapReport } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  cardTap,
  createTestSchool,
  nextEvent,
  removeSchool,
  SocketBag,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";

describe("a tap travels from a device to the screens that need it", () => {
  let school: TestSchool;
  let server: RunningServer;

  const bag = new SocketBag();
  const screen = (username: string, view: { view: "gate" } | { view: "room"; groupId: string }) =>
    bag.view(server, username, view);
  const device = (token: string) => bag.device(server, token);

  beforeEach(async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await startTestServer(school);
  });

  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("check-in, gate request, release and collection reach the right screens only", async () => {
    const kiosk1 = await screen("t1", { view: "room", groupId: "g1" });
    const kiosk2 = await screen("t2", { view: "room", groupId: "g2" });
    const guard = await screen("guard", { view: "gate" });
    expect(kiosk1.snapshot.children.map((c) => c.childId).sort()).toEqual(["c1", "c3"]);
    expect(guard.snapshot.children).toEqual([]);
    const kiosk2Heard: string[] = [];
    kiosk2.socket.onAny((event) => kiosk2Heard.push(event));

    const room = await device(school.tokens.room1);
    const gate = await device(school.tokens.gate);

    const checkedIn = nextEvent(kiosk1.socket, "child:updated", (c) => c.childId === "c1");
    const checkIn = unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    expect(checkIn.result).toMatchObject({ kind: "check_in", outcome: "checked_in" });
    expect((await checkedIn)[0].status).toBe("checked_in");

    const announced = nextEvent(kiosk1.socket, "pickup:requested");
    const chimed = nextEvent(guard.socket, "pickup:requested");
    const report = cardTap("0000000001");
    const pickup = unwrap(await gate.emitWithAck("tap:report", report));
    expect(pickup.result).toMatchObject({
      kind: "pickup",
      children: [
        { childId: "c1", outcome: "requested" },
        { childId: "c2", outcome: "not_checked_in" },
      ],
    });
    expect((await announced)[0].child).toMatchObject({
      childId: "c1",
      requestedBy: { name: "张妈妈", relation: "妈妈" },
    });
    // The announcement carries the guard's row too (one message, no second copy of the tile).
    expect((await chimed)[0].child).toMatchObject({
      childId: "c1",
      status: "pickup_requested",
      requestGateName: "南门",
    });

    // The agent retries a tap whose acknowledgement it lost: same answer, nothing new happens.
    const retry = unwrap(await gate.emitWithAck("tap:report", report));
    expect(retry).toEqual({ ...pickup, duplicate: true });

    const released = nextEvent(guard.socket, "child:updated", (c) => c.status === "released");
    unwrap(await kiosk1.socket.emitWithAck("child:release", { childId: "c1" }));
    await released;
    const collected = nextEvent(kiosk1.socket, "child:updated", (c) => c.status === "collected");
    const view = unwrap(await guard.socket.emitWithAck("child:collect", { childId: "c1" }));
    expect(view.status).toBe("collected");
    await collected;

    // Group 2's kiosk heard nothing about group 1's child.
    expect(kiosk2Heard).toEqual([]);
  });

  it("unknown and lost cards raise alerts on the guard screen; room taps that change nothing are noticed", async () => {
    const guard = await screen("guard", { view: "gate" });
    const kiosk1 = await screen("t1", { view: "room", groupId: "g1" });
    const gate = await device(school.tokens.gate);
    const room = await device(school.tokens.room1);

    const unknown = nextEvent(guard.socket, "alert:raised", (a) => a.kind === "unknown_card");
    unwrap(await gate.emitWithAck("tap:report", cardTap("0123456789")));
    expect((await unknown)[0]).toMatchObject({
      severity: "warning",
      cardId: "0123456789",
      deviceName: "南门",
    });

    const lost = nextEvent(guard.socket, "alert:raised", (a) => a.kind === "card_blocked");
    unwrap(await gate.emitWithAck("tap:report", cardTap("0000000099")));
    expect((await lost)[0]).toMatchObject({ severity: "danger", holderName: "李爸爸", cardStatus: "lost" });

    const noticed = nextEvent(kiosk1.socket, "tap:noticed");
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000012")));
    expect((await noticed)[0].result).toMatchObject({ kind: "check_in", outcome: "wrong_group" });

    const snapshot = unwrap(await guard.socket.emitWithAck("view:join", { view: "gate" }));
    expect(snapshot.alerts.map((a) => a.kind)).toEqual(["unknown_card", "card_blocked"]);
  });

  it("a malformed tap report is refused with a validation error and changes nothing", async () => {
    const gate = await device(school.tokens.gate);
    const bad = {
      id: "not-a-uuid",
      readerId: "",
      at: "yesterday",
      reading: { kind: "card" },
    } as unknown as TapReport;
    const answer = await gate.emitWithAck("tap:report", bad);
    expect(answer).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    const guard = await screen("guard", { view: "gate" });
    expect(guard.snapshot.alerts).toEqual([]);
  });

  it("a teacher's touch checks a child in; a refused command answers with a code", async () => {
    const kiosk1 = await screen("t1", { view: "room", groupId: "g1" });
    const view = unwrap(await kiosk1.socket.emitWithAck("child:checkIn", { childId: "c3" }));
    expect(view.status).toBe("checked_in");
    expect(await kiosk1.socket.emitWithAck("child:release", { childId: "c3" })).toMatchObject({
      error: { code: "PICKUP_WRONG_STATE" },
    });
  });
});
