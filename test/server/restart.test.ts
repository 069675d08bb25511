import { afterEach, describe, expect, it } from "vitest";
import type { ViewSnapshot } from "../../protocol";
import { anyTimeSchool } from "../support/any-time-schedule";
import {
  cardTap,
  connected,
  createTestSchool,
  deviceClient,
  login,
  removeSchool,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { type ServerProcess, spawnServer } from "../support/server-process";

/** The day as a screen sees it; the stream version counts one process's updates, not the day. */
/** The day a snapshot shows, without where its stream was and when it was taken. */
function dayOf(snapshot: ViewSnapshot): Omit<ViewSnapshot, "version" | "serverAt"> {
  const { version: _version, serverAt: _serverAt, ...day } = snapshot;
  return day;
}

async function gateSnapshot(url: string) {
  const guard = screenClient(url, await login(url, "guard"));
  await connected(guard);
  const snapshot = unwrap(await guard.emitWithAck("view:join", { view: "gate" }));
  guard.disconnect();
  return dayOf(snapshot);
}

async function roomSnapshot(url: string) {
  const teacher = screenClient(url, await login(url, "t1"));
  await connected(teacher);
  const snapshot = unwrap(await teacher.emitWithAck("view:join", { view: "room", groupId: "g1" }));
  teacher.disconnect();
  return dayOf(snapshot);
}

describe("the server killed mid-day comes back with the same day", () => {
  let school: TestSchool;
  let server: ServerProcess | undefined;

  afterEach(async () => {
    await server?.stop();
    await removeSchool(school);
  });

  it("kill -9 after acknowledged taps loses nothing, and a retried tap is still applied once", async () => {
    school = await createTestSchool(anyTimeSchool());
    server = await spawnServer(school.dataDir);

    const room = deviceClient(server.url, school.tokens.room1);
    const gate = deviceClient(server.url, school.tokens.gate);
    await Promise.all([connected(room), connected(gate)]);
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000011")));
    unwrap(await room.emitWithAck("tap:report", cardTap("0000000013")));
    const pickup = cardTap("0000000001");
    unwrap(await gate.emitWithAck("tap:report", pickup));
    unwrap(await gate.emitWithAck("tap:report", cardTap("0123456789")));
    room.disconnect();
    gate.disconnect();

    const before = { gate: await gateSnapshot(server.url), room: await roomSnapshot(server.url) };
    expect(before.gate.children.map((c) => c.status)).toEqual(["pickup_requested"]);

    await server.kill9();
    server = await spawnServer(school.dataDir);

    const after = { gate: await gateSnapshot(server.url), room: await roomSnapshot(server.url) };
    expect(after).toEqual(before);

    // The agent never saw the acknowledgement of `pickup` and sends it again after the restart.
    const gateAgain = deviceClient(server.url, school.tokens.gate);
    await connected(gateAgain);
    const retry = unwrap(await gateAgain.emitWithAck("tap:report", pickup));
    gateAgain.disconnect();
    expect(retry.duplicate).toBe(true);
    expect(await gateSnapshot(server.url)).toEqual(before.gate);
  });
});
