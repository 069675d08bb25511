import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ConsoleFrame, ReaderFrame } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  connected,
  createTestSchool,
  deviceClient,
  removeSchool,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { deviceIdByName, nextDeviceEvent, SocketBag } from "../support/technician-harness";

const GOOD: ReaderFrame = {
  kind: "reading",
  readerId: "ttyV0",
  at: "2026-11-23T08:00:00.000Z",
  rawHex: "0230313030303030303030303103",
  reading: { kind: "card", cardId: "0000000001" },
};
const BAD: ReaderFrame = {
  kind: "bad",
  readerId: "ttyV0",
  at: "2026-11-23T08:00:01.000Z",
  rawHex: "0230313030303030303030303203",
  reason: "decoding:bad_checksum",
  why: "checksum 02 != 01",
};

describe("the live reader console", () => {
  let school: TestSchool;
  let server: RunningServer;
  const bag = new SocketBag();

  beforeEach(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
  });
  afterEach(async () => {
    bag.closeAll();
    await server.close();
    await removeSchool(school);
  });

  it("asks the agent to stream only while watched, and frames reach only the technician who opened it", async () => {
    const tech = await bag.technician(server, "tech");
    const admin = await bag.technician(server, "admin");
    const guard = await bag.screen(server, "guard");
    unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const roomId = deviceIdByName(tech.snapshot, "101 reader");
    const gate = await bag.device(server, school.tokens.gate);
    const room = await bag.device(server, school.tokens.room1);
    const roomHeard: string[] = [];
    room.onAny((event) => roomHeard.push(event));

    const watch = nextDeviceEvent(gate, "console:watch");
    expect(
      unwrap(await tech.socket.emitWithAck("console:open", { deviceId: gateId, readerId: "ttyV0" })),
    ).toEqual({ deviceId: gateId, readerId: "ttyV0" });
    expect((await watch)[0]).toEqual({ readerIds: ["ttyV0"] });

    const others: ConsoleFrame[] = [];
    admin.socket.on("console:frame", (f) => others.push(f));
    guard.on("console:frame", (f) => others.push(f));
    const frames: ConsoleFrame[] = [];
    const two = new Promise<void>((resolve) =>
      tech.socket.on("console:frame", (f) => {
        frames.push(f);
        if (frames.length === 2) resolve();
      }),
    );
    gate.emit("reader:frame", GOOD);
    gate.emit("reader:frame", { ...GOOD, readerId: "other" });
    gate.emit("reader:frame", { ...BAD, rawHex: "not hex" });
    gate.emit("reader:frame", BAD);
    await two;
    expect(frames).toEqual([
      { ...GOOD, deviceId: gateId },
      { ...BAD, deviceId: gateId },
    ]);

    // A frame of the same reader id from another device is not this console's.
    room.emit("reader:frame", GOOD);
    const stop = nextDeviceEvent(gate, "console:watch");
    unwrap(await tech.socket.emitWithAck("console:close", {}));
    expect((await stop)[0]).toEqual({ readerIds: [] });
    gate.emit("reader:frame", GOOD);
    // Round trips in order instead of a pause: the gate's next message is handled after the frame,
    // and the technician's answer arrives after anything the server sent it before.
    await gate.emitWithAck("tap:report", { not: "a tap" } as never);
    unwrap(await tech.socket.emitWithAck("view:join", { view: "technician" }));
    expect(frames).toHaveLength(2);
    expect(others).toEqual([]);
    expect(roomHeard).toEqual([]);
    expect(roomId).not.toBe(gateId);
  });

  it("a console left open is resumed when the agent reconnects, and stops when the screen goes", async () => {
    const tech = await bag.technician(server, "tech");
    const gateId = deviceIdByName(tech.snapshot, "南门");
    unwrap(await tech.socket.emitWithAck("console:open", { deviceId: gateId, readerId: "ttyV0" }));
    // The agent connects after the console was opened: the watch comes with the connection.
    const again = deviceClient(server.url, school.tokens.gate);
    const watch = nextDeviceEvent(again, "console:watch");
    await connected(again);
    expect((await watch)[0]).toEqual({ readerIds: ["ttyV0"] });
    const stop = nextDeviceEvent(again, "console:watch");
    tech.socket.disconnect();
    expect((await stop)[0]).toEqual({ readerIds: [] });
    again.disconnect();
  });

  it("refuses a console on an unknown device", async () => {
    const tech = await bag.technician(server, "tech");
    const answer = await tech.socket.emitWithAck("console:open", { deviceId: "nope", readerId: "ttyV0" });
    expect(answer).toMatchObject({ error: { code: "NOT_FOUND" } });
  });
});
