import { mkdir, open } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Agent, type AgentEvent, startAgent } from "../../gate-agent";
import type { ConsoleFrame } from "../../protocol";
import type { RunningServer } from "../../server/app";
import { type PtyPair, startPtyPair } from "../gate-agent/helpers/socat";
import { em4100Frame } from "../support/em4100-frame";
import {
  createTestSchool,
  removeSchool,
  startTestServer,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { deviceIdByName, nextStatus, SocketBag } from "../support/technician-harness";

const TIMING = { reopenMinMs: 50, reopenMaxMs: 200, reconnectMinMs: 50, reconnectMaxMs: 200 };

async function readerSends(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

describe("readers configured on the technician screen", () => {
  let school: TestSchool;
  let server: RunningServer;
  let pty: PtyPair;
  let agent: Agent | undefined;
  const events: AgentEvent[] = [];
  const bag = new SocketBag();

  beforeEach(async () => {
    school = await createTestSchool();
    server = await startTestServer(school);
    const dir = join(school.dataDir, "pty");
    await mkdir(dir);
    pty = await startPtyPair(dir);
  });
  afterEach(async () => {
    bag.closeAll();
    await agent?.stop();
    agent = undefined;
    await pty.stop();
    await server.close();
    await removeSchool(school);
  });

  it("reach an agent started without readers, which opens them, reports them and streams to the console", async () => {
    const tech = await bag.technician(server);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const online = nextStatus(tech.socket, gateId, (d) => d.online);
    agent = await startAgent({
      serverUrl: server.url,
      token: school.tokens.gate,
      timing: TIMING,
      onEvent: (e) => events.push(e),
    });
    expect((await online).readers).toEqual([]);

    const opened = nextStatus(tech.socket, gateId, (d) => d.readers[0]?.open === true);
    const view = unwrap(
      await tech.socket.emitWithAck("device:configureReaders", {
        deviceId: gateId,
        readers: [{ profile: "generic/rdm6300", path: pty.agentSide }],
      }),
    );
    expect(view.configuredReaders).toEqual([
      { readerId: "ttyV0", profile: "generic/rdm6300", path: pty.agentSide },
    ]);
    expect(school.store.read().devices.find((d) => d.id === gateId)?.readers).toEqual(view.configuredReaders);
    expect((await opened).readers[0]).toMatchObject({
      readerId: "ttyV0",
      profile: "generic/rdm6300",
      open: true,
    });

    // The console shows the frame's bytes and its reading; the tap also reaches the server.
    unwrap(await tech.socket.emitWithAck("console:open", { deviceId: gateId, readerId: "ttyV0" }));
    await expect
      .poll(() => events.some((e) => e.type === "server:watch" && e.readerIds.includes("ttyV0")))
      .toBe(true);
    const frame = new Promise<ConsoleFrame>((resolve) => tech.socket.once("console:frame", resolve));
    const counted = nextStatus(tech.socket, gateId, (d) => d.readers[0]?.lastCardId === "0000000001");
    await readerSends(pty.readerSide, em4100Frame("0000000001"));
    expect(await frame).toMatchObject({
      kind: "reading",
      deviceId: gateId,
      readerId: "ttyV0",
      rawHex: em4100Frame("0000000001").toString("hex"),
      reading: { kind: "card", cardId: "0000000001" },
    });
    expect((await counted).readers[0]).toMatchObject({ framesOk: 1, readings: 1 });
    await expect.poll(() => events.some((e) => e.type === "tap:acked")).toBe(true);

    // Taking the reader away stops it on the agent.
    const removed = nextStatus(tech.socket, gateId, (d) => d.readers.length === 0);
    unwrap(await tech.socket.emitWithAck("device:configureReaders", { deviceId: gateId, readers: [] }));
    await removed;
    expect(agent.stats().readers).toEqual([]);
  });

  it("refuses an unknown profile, a missing port and too many readers", async () => {
    const { socket, snapshot } = await bag.technician(server);
    const deviceId = deviceIdByName(snapshot, "南门");
    const configure = (readers: { profile: string; path: string; readerId?: string }[]) =>
      socket.emitWithAck("device:configureReaders", { deviceId, readers });
    expect(await configure([{ profile: "acme/none", path: "/dev/ttyUSB0" }])).toMatchObject({
      error: { code: "PROFILE_NOT_FOUND" },
    });
    expect(await configure([{ profile: "generic/rdm6300", path: "  " }])).toMatchObject({
      error: { code: "VALIDATION_FAILED" },
    });
    const nine = Array.from({ length: 9 }, (_, i) => ({
      profile: "generic/rdm6300",
      path: `/dev/ttyUSB${i}`,
    }));
    expect(await configure(nine)).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(
      await configure([
        { profile: "generic/rdm6300", path: "/dev/a/ttyUSB0" },
        { profile: "generic/rdm6300", path: "/dev/b/ttyUSB0" },
      ]),
    ).toMatchObject({ error: { code: "VALIDATION_FAILED" } });
    expect(school.store.read().devices.find((d) => d.id === deviceId)?.readers).toBeUndefined();
  });

  it("an agent with --reader keeps its own readers whatever the server says", async () => {
    const { socket, snapshot } = await bag.technician(server);
    const deviceId = deviceIdByName(snapshot, "南门");
    unwrap(
      await socket.emitWithAck("device:configureReaders", {
        deviceId,
        readers: [{ readerId: "other", profile: "generic/rdm6300", path: "/dev/does-not-exist" }],
      }),
    );
    const opened = nextStatus(socket, deviceId, (d) => d.readers[0]?.open === true);
    let configured = () => {};
    const configReceived = new Promise<void>((resolve) => {
      configured = resolve;
    });
    agent = await startAgent({
      serverUrl: server.url,
      token: school.tokens.gate,
      readers: [{ profile: "generic/rdm6300", path: pty.agentSide }],
      timing: TIMING,
      onEvent: (event) => {
        if (event.type === "server:config") configured();
      },
    });
    expect((await opened).readers.map((r) => r.readerId)).toEqual(["ttyV0"]);
    // The server's reader set-up has reached the agent, which handles it as it arrives: it kept its own.
    await configReceived;
    expect(agent.stats().readers.map((r) => r.readerId)).toEqual(["ttyV0"]);
  });
});
