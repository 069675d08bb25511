import { afterEach, beforeEach, describe, expect, it } from "vitest";
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

describe("an unknown card at a room reader (issue 11)", () => {
  let school: TestSchool;
  let server: RunningServer;
  const bag = new SocketBag();

  beforeEach(async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await startTestServer(school);
  });
  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("is the room's business: not on the gate screen (live or snapshot)", async () => {
    const guard = await bag.view(server, "guard", { view: "gate" });
    const guardHeard: string[] = [];
    guard.socket.on("alert:raised", (a) => guardHeard.push(a.kind));
    const gate = await bag.device(server, school.tokens.gate);
    const room = await bag.device(server, school.tokens.room1);

    unwrap(await room.emitWithAck("tap:report", cardTap("0123456788")));
    // A gate alert after it: when it arrives, the room's would have arrived before it.
    const atGate = nextEvent(guard.socket, "alert:raised", (a) => a.cardId === "0123456789");
    unwrap(await gate.emitWithAck("tap:report", cardTap("0123456789")));
    await atGate;
    expect(guardHeard).toEqual(["unknown_card"]);
    const snapshot = unwrap(await guard.socket.emitWithAck("view:join", { view: "gate" }));
    expect(snapshot.alerts.map((a) => a.cardId)).toEqual(["0123456789"]);
  });
});
