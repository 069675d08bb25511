import { afterEach, describe, expect, it } from "vitest";
import type { ReaderFrame, ReaderStatus, ViewSnapshot } from "../../protocol";
import { usePostgresDatabases } from "../support/postgres-database";
import {
  cardTap,
  connected,
  type DeviceClient,
  deviceClient,
  login,
  nextEvent,
  removeSchool,
  type ScreenClient,
  screenClient,
  type TestSchool,
  unwrap,
} from "../support/server-harness";
import { deviceIdByName, nextDeviceEvent, nextStatus } from "../support/technician-harness";
import { schoolOnDatabase } from "./district-school";
import { type InProcessNode, startNodeInProcess } from "./in-process-node";

const freshDatabase = usePostgresDatabases();

const READER: ReaderStatus = {
  readerId: "ttyV0",
  profile: "generic/rdm6300",
  path: "/dev/ttyV0",
  open: true,
  framesOk: 3,
  readings: 2,
  junkBytes: 0,
  badFrames: {},
};
const FRAME: ReaderFrame = {
  kind: "reading",
  readerId: "ttyV0",
  at: "2026-11-23T08:00:00.000Z",
  rawHex: "0230313030303030303030303103",
  reading: { kind: "card", cardId: "0000000001" },
};
const NEW_CARD = "0006547886";

/**
 * Taps new cards at the gate until one binds, and returns it: the start reaches the agent's node
 * through the database, and a card tapped before that is a stranger's (and its repeat debounced).
 */
async function tapUntilEnrolled(gate: DeviceClient): Promise<string> {
  let card = "";
  let next = Number(NEW_CARD);
  // The node learns its peers within a second; on a loaded machine (a second test worker, a
  // browser) that took over the 5 s default once, so the poll waits longer before failing.
  await expect
    .poll(
      async () => {
        card = String(++next).padStart(10, "0");
        return unwrap(await gate.emitWithAck("tap:report", cardTap(card))).result.kind;
      },
      { timeout: 20_000 },
    )
    .toBe("enrolled");
  return card;
}

/**
 * Issue 8, "shared across nodes": the gate's agent connected to node A, the technician's page on
 * node B. Presence, enrolment and the console go between them through the database.
 */
describe("the technician on one node, the agent on another", { timeout: 60_000 }, () => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function twoNodes(): Promise<{ school: TestSchool; a: InProcessNode; b: InProcessNode }> {
    const url = await freshDatabase();
    const school = await schoolOnDatabase(url);
    cleanups.push(() => removeSchool(school));
    const a = await startNodeInProcess(url);
    cleanups.push(() => a.close());
    const b = await startNodeInProcess(url);
    cleanups.push(() => b.close());
    return { school, a, b };
  }

  async function technician(node: InProcessNode): Promise<{ socket: ScreenClient; snapshot: ViewSnapshot }> {
    const socket = screenClient(node.url, await login(node.url, "tech"));
    cleanups.push(async () => socket.disconnect());
    await connected(socket);
    return { socket, snapshot: unwrap(await socket.emitWithAck("view:join", { view: "technician" })) };
  }

  async function agent(node: InProcessNode, token: string): Promise<DeviceClient> {
    const socket = deviceClient(node.url, token);
    cleanups.push(async () => socket.disconnect());
    await connected(socket);
    return socket;
  }

  it("shows an agent connected to node A online on node B, with its readers, and offline when it leaves", async () => {
    const { school, a, b } = await twoNodes();
    const tech = await technician(b);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    expect(tech.snapshot.technician?.devices.find((d) => d.deviceId === gateId)?.online).toBe(false);

    const online = nextStatus(tech.socket, gateId, (d) => d.online);
    const gate = await agent(a, school.tokens.gate);
    await online;
    const reported = nextStatus(tech.socket, gateId, (d) => d.readers.length === 1);
    gate.emit("reader:status", { readers: [READER] });
    expect((await reported).readers).toEqual([READER]);

    // A page opened on B later asks node A which agents it holds.
    const later = await technician(b);
    expect(later.snapshot.technician?.devices.find((d) => d.deviceId === gateId)).toMatchObject({
      online: true,
      readers: [READER],
    });

    const offline = nextStatus(tech.socket, gateId, (d) => !d.online);
    gate.disconnect();
    expect((await offline).readers).toEqual([{ ...READER, open: false }]);
  });

  it("an agent whose node stops shows offline on the other node, and online again when it comes over", async () => {
    const { school, a, b } = await twoNodes();
    const tech = await technician(b);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const online = nextStatus(tech.socket, gateId, (d) => d.online);
    await agent(a, school.tokens.gate);
    await online;

    const offline = nextStatus(tech.socket, gateId, (d) => !d.online);
    // Within the adapter's heartbeat timeout (10 s): the same whether the node said goodbye or died.
    await a.close();
    await offline;
    const back = nextStatus(tech.socket, gateId, (d) => d.online);
    await agent(b, school.tokens.gate);
    await back;
  });

  it("an enrolment started on node B binds the card tapped at a gate connected to node A", async () => {
    const { school, a, b } = await twoNodes();
    const tech = await technician(b);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const gate = await agent(a, school.tokens.gate);

    unwrap(
      await tech.socket.emitWithAck("enrolment:start", {
        deviceId: gateId,
        holder: { kind: "guardian", id: "p2" },
      }),
    );
    const done = nextEvent(tech.socket, "enrolment:done");
    const card = await tapUntilEnrolled(gate);
    expect((await done)[0]).toMatchObject({
      kind: "tapped",
      outcome: "bound",
      cardId: card,
      deviceId: gateId,
    });

    // Ended on every node: the next tap of a card is the gate's again, not a second binding.
    const next = unwrap(await gate.emitWithAck("tap:report", cardTap(NEW_CARD))).result;
    expect(next.kind).not.toBe("enrolled");
  });

  it("a node started while an enrolment waits binds the tap of an agent that comes to it", async () => {
    const url = await freshDatabase();
    const school = await schoolOnDatabase(url);
    cleanups.push(() => removeSchool(school));
    const a = await startNodeInProcess(url);
    cleanups.push(() => a.close());
    const tech = await technician(a);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    unwrap(
      await tech.socket.emitWithAck("enrolment:start", {
        deviceId: gateId,
        holder: { kind: "guardian", id: "p2" },
      }),
    );
    const b = await startNodeInProcess(url);
    cleanups.push(() => b.close());
    const gate = await agent(b, school.tokens.gate);
    const done = nextEvent(tech.socket, "enrolment:done");
    // Node B asks the others once it knows them (a second at most).
    const card = await tapUntilEnrolled(gate);
    expect((await done)[0]).toMatchObject({ kind: "tapped", outcome: "bound", cardId: card });
  });

  it("the console of a reader on node A's agent shows on node B, and stops when B closes it", async () => {
    const { school, a, b } = await twoNodes();
    const tech = await technician(b);
    const gateId = deviceIdByName(tech.snapshot, "南门");
    const gate = await agent(a, school.tokens.gate);

    const watch = nextDeviceEvent(gate, "console:watch", (w) => w.readerIds.length > 0);
    unwrap(await tech.socket.emitWithAck("console:open", { deviceId: gateId, readerId: "ttyV0" }));
    expect((await watch)[0]).toEqual({ readerIds: ["ttyV0"] });

    const frame = nextEvent(tech.socket, "console:frame");
    gate.emit("reader:frame", FRAME);
    expect((await frame)[0]).toEqual({ ...FRAME, deviceId: gateId });

    const stop = nextDeviceEvent(gate, "console:watch", (w) => w.readerIds.length === 0);
    unwrap(await tech.socket.emitWithAck("console:close", {}));
    await stop;
  });
});
