import { afterEach, describe, expect, it } from "vitest";
import type { ScreenClient } from "../support/server-harness";
import { nextEvent, unwrap } from "../support/server-harness";
import { GateWorld } from "./gate-harness";

/** Every message of the screen's update stream, in arrival order: its version and what it held. */
function recordVersions(socket: ScreenClient): { events: string[]; version: number }[] {
  const heard: { events: string[]; version: number }[] = [];
  socket.on("updates", (items, version) => {
    heard.push({ events: items.map((item) => item.event), version });
  });
  return heard;
}

describe("screen updates are deltas on a versioned stream per view", () => {
  let w: GateWorld;
  afterEach(async () => {
    await w.stop();
  });

  it("numbers a kiosk's updates one after the other, starting after its snapshot's version", async () => {
    w = new GateWorld("16:45");
    await w.start();
    const kiosk = await w.screen("t1", { view: "room", groupId: "g1" });
    const heard = recordVersions(kiosk.socket);
    const room = await w.device("room1");
    const gate = await w.device("gate");
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    const announced = nextEvent(kiosk.socket, "pickup:requested");
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    await announced;

    expect(heard.length).toBeGreaterThanOrEqual(2);
    expect(heard.map((h) => h.version)).toEqual(heard.map((_h, i) => kiosk.snapshot.version + i + 1));
    // The guardian's tap is one message: the announcement carries the tile, the room's roll call beside it.
    const pickup = heard.find((h) => h.events.includes("pickup:requested"));
    expect(pickup?.events).not.toContain("child:updated");

    // A screen that joins later starts from the stream's current version, not from zero.
    const later = await w.screen("t1", { view: "room", groupId: "g1" });
    expect(later.snapshot.version).toBe(heard.at(-1)?.version);
  });

  it("sends the guard the touched child's rows, never the whole board again", async () => {
    w = new GateWorld("17:10");
    await w.start();
    const guard = await w.screen("guard", { view: "gate" });
    const room = await w.device("room1");
    const gate = await w.device("gate");
    // Two children are in care after care end: both on the late list.
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000011")));
    unwrap(await room.emitWithAck("tap:report", w.tap("0000000013")));
    const late = await w.screen("guard", { view: "gate" });
    expect(late.snapshot.gate?.late.map((l) => l.child.childId).sort()).toEqual(["c1", "c3"]);

    // c1's guardian at the gate: the change names c1 only.
    const change = nextEvent(guard.socket, "gate:changed", (c) =>
      c.late.some((l) => l.child.childId === "c1"),
    );
    unwrap(await gate.emitWithAck("tap:report", w.tap("0000000001")));
    const [rows] = await change;
    expect([...rows.late.map((l) => l.child.childId), ...rows.lateGone]).toEqual(["c1"]);
    expect(rows.register.every((r) => r.childId === "c1")).toBe(true);
  });
});
