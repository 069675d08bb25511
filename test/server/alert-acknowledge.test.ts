import { afterEach, describe, expect, it } from "vitest";
import type { ViewSnapshot } from "../../protocol";
import { connected, login, nextEvent, screenClient, unwrap } from "../support/server-harness";
import { GateWorld } from "./gate-harness";

describe("a refused pickup at the gate, and its acknowledgement", () => {
  let w: GateWorld;
  afterEach(async () => {
    await w.stop();
  });

  it("the alert says why per child; the guard acknowledges it with a note; the overview hears it", async () => {
    w = new GateWorld("16:55");
    await w.start();
    const guard = await w.screen("guard", { view: "gate" });
    const overview = screenClient(w.server.url, await login(w.server.url, "admin"));
    await connected(overview);
    unwrap<ViewSnapshot>(await overview.emitWithAck("view:join", { view: "overview" }));
    const gate = await w.device("gate");

    const raised = nextEvent(guard.socket, "alert:raised");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000002")));
    const [alert] = await raised;
    expect(alert).toMatchObject({
      kind: "pickup_refused",
      childOutcomes: [{ childName: "李四", outcome: "not_checked_in" }],
    });

    const teacher = await w.screen("t1", { view: "room", groupId: "g1" });
    const refused = await teacher.socket.emitWithAck("alert:acknowledge", { alertId: alert.id });
    expect(refused).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });

    const heard = nextEvent(overview, "alert:acknowledged");
    const done = unwrap(
      await guard.socket.emitWithAck("alert:acknowledge", {
        alertId: alert.id,
        note: "家长说孩子今天在奶奶家",
      }),
    );
    expect(done.acknowledged).toEqual({
      byName: "保安",
      at: w.now.toISOString(),
      note: "家长说孩子今天在奶奶家",
    });
    const [pushed] = await heard;
    expect(pushed).toMatchObject({ id: alert.id, acknowledged: { byName: "保安" } });

    const again = await w.screen("guard", { view: "gate" });
    expect(again.snapshot.alerts[0]).toMatchObject({ id: alert.id, acknowledged: { byName: "保安" } });
    overview.disconnect();
  });
});
