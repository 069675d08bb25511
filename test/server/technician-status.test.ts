import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ReaderStatus } from "../../protocol";
import type { RunningServer } from "../../server/app";
import {
  createTestSchool,
  login,
  removeSchool,
  startTestServer,
  type TestSchool,
} from "../support/server-harness";
import { deviceIdByName, nextStatus, SocketBag } from "../support/technician-harness";

const READER: ReaderStatus = {
  readerId: "ttyUSB0",
  profile: "generic/rdm6300",
  path: "/dev/ttyUSB0",
  open: true,
  lastReadingAt: "2026-11-23T08:00:00.000Z",
  lastCardId: "0000000001",
  framesOk: 3,
  readings: 2,
  junkBytes: 5,
  badFrames: { "decoding:bad_checksum": 1 },
};

describe("the technician sees devices and readers", () => {
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

  it("devices go online with their readers' status and offline when the agent leaves", async () => {
    const { socket: tech, snapshot } = await bag.technician(server);
    const devices = snapshot.technician?.devices ?? [];
    expect(devices.map((d) => [d.name, d.kind, d.online])).toEqual([
      ["南门", "gate", false],
      ["101 reader", "room", false],
    ]);
    expect(devices[1]?.groupName).toBe("一二年级");
    expect(snapshot.technician?.profiles.map((p) => p.id)).toContain("generic/rdm6300");
    const gateId = deviceIdByName(snapshot, "南门");

    const online = nextStatus(tech, gateId, (d) => d.online);
    const gate = await bag.device(server, school.tokens.gate);
    expect((await online).lastSeenAt).toBeDefined();

    const reported = nextStatus(tech, gateId, (d) => d.readers.length === 1);
    gate.emit("reader:status", { readers: [READER] });
    expect((await reported).readers).toEqual([READER]);

    // Garbage from an agent is dropped, not stored or relayed.
    const heard: (number | undefined)[] = [];
    tech.on("device:status", (d) => heard.push(d.readers[0]?.framesOk));
    gate.emit("reader:status", { readers: [{ ...READER, framesOk: -1 }] } as never);
    gate.emit("reader:status", "nonsense" as never);

    const offline = nextStatus(tech, gateId, (d) => !d.online);
    gate.disconnect();
    const last = await offline;
    expect(last.readers).toEqual([{ ...READER, open: false }]);
    expect(heard.every((framesOk) => framesOk === READER.framesOk)).toBe(true);
  });

  it("guards and teachers are refused the technician view, console and commands", async () => {
    for (const username of ["guard", "t1"]) {
      const socket = await bag.screen(server, username);
      const join = await socket.emitWithAck("view:join", { view: "technician" });
      expect(join).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
      const open = await socket.emitWithAck("console:open", { deviceId: "x", readerId: "ttyV0" });
      expect(open).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
      const bind = await socket.emitWithAck("card:bind", {
        holder: { kind: "guardian", id: "p1" },
        cardNumber: "0006547886",
      });
      expect(bind).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
      const configure = await socket.emitWithAck("device:configureReaders", { deviceId: "x", readers: [] });
      expect(configure).toMatchObject({ error: { code: "AUTH_FORBIDDEN" } });
      const res = await fetch(`${server.url}/api/roster/holders?q=张`, {
        headers: { cookie: await login(server.url, username) },
      });
      expect(res.status).toBe(403);
    }
    const admin = await bag.technician(server, "admin");
    expect(admin.snapshot.technician?.devices).toHaveLength(2);
  });

  it("finds holders by name for the enrolment panel", async () => {
    const res = await fetch(`${server.url}/api/roster/holders?q=张`, {
      headers: { cookie: await login(server.url, "tech") },
    });
    const body = (await res.json()) as { data: { kind: string; id: string; cardIds: string[] }[] };
    expect(body.data.map((h) => `${h.kind}:${h.id}`)).toEqual(["child:c2", "child:c1", "guardian:p1"]);
    expect(body.data.find((h) => h.id === "p1")?.cardIds).toEqual(["0000000001"]);
  });
});
