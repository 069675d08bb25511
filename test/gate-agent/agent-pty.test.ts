import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Agent, type AgentEvent, startAgent } from "../../gate-agent";
import type { TapReport } from "../../protocol/devices";
import { type DeviceServer, freePort, startDeviceServer } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { CARD_A, CARD_B, rdm6300Frame } from "./helpers/frames";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/** The whole agent against a real pty pair (socat) and a real socket.io server. */

const TOKEN = "gate-token";
const TIMING = {
  ackTimeoutMs: 300,
  retryMinMs: 50,
  retryMaxMs: 200,
  reconnectMinMs: 50,
  reconnectMaxMs: 200,
  reopenMinMs: 50,
  reopenMaxMs: 200,
};

let dir: string;
let ptys: PtyPair[];
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-pty-"));
  ptys = [];
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  for (const pty of ptys) await pty.stop();
  await rm(dir, { recursive: true, force: true });
});

async function ptyPair(): Promise<PtyPair> {
  const pty = await startPtyPair(dir);
  ptys.push(pty);
  return pty;
}

async function deviceServer(port?: number): Promise<DeviceServer> {
  const server = await startDeviceServer({ token: TOKEN, ...(port === undefined ? {} : { port }) });
  cleanups.push(() => server.close());
  return server;
}

async function agentOn(
  serverUrl: string,
  path: string,
): Promise<{ agent: Agent; events: EventLog<AgentEvent> }> {
  const events = new EventLog<AgentEvent>();
  const agent = await startAgent({
    serverUrl,
    token: TOKEN,
    readers: [{ profile: "generic/rdm6300", path }],
    timing: TIMING,
    onEvent: events.push,
  });
  cleanups.push(() => agent.stop());
  return { agent, events };
}

/** Writes as the reader would; the pty keeps the bytes until the agent reads them. */
async function readerSends(path: string, bytes: Buffer): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

const isReport = (id: string) => (r: TapReport) => r.id === id;

describe("gate agent over a pty", () => {
  it("reads a frame from the port and the server receives the tap", async () => {
    const pty = await ptyPair();
    const server = await deviceServer();
    const { agent, events } = await agentOn(server.url, pty.agentSide);
    await events.next((e) => e.type === "reader:open", "reader open");

    const frame = rdm6300Frame(CARD_A.digits);
    await readerSends(pty.readerSide, Buffer.concat([frame, frame, frame]));

    const report = await server.reports.next(() => true, "tap at the server");
    expect(report).toMatchObject({
      readerId: "ttyV0",
      reading: { kind: "card", cardId: CARD_A.cardId },
      rawHex: frame.toString("hex"),
    });
    await events.next((e) => e.type === "tap:acked", "ack");
    expect(agent.stats().readers[0]).toMatchObject({ framesOk: 3, debounced: 2, readings: 1, open: true });
    expect(agent.stats().delivery).toMatchObject({ delivered: 1, queued: 0 });
  });

  it("keeps a tap while the server is unreachable and delivers the same id once it comes up", async () => {
    const pty = await ptyPair();
    const port = await freePort();
    const { agent, events } = await agentOn(`http://127.0.0.1:${port}`, pty.agentSide);
    await events.next((e) => e.type === "reader:open", "reader open");

    await readerSends(pty.readerSide, rdm6300Frame(CARD_A.digits));
    const queued = await events.next((e) => e.type === "tap:queued", "tap queued");
    if (queued.type !== "tap:queued") throw new Error("unreachable");
    expect(agent.stats().delivery).toMatchObject({ connected: false, queued: 1 });

    const server = await deviceServer(port);
    const report = await server.reports.next(isReport(queued.report.id), "the queued tap");
    expect(report).toEqual(queued.report);
    const acked = await events.next((e) => e.type === "tap:acked", "ack");
    expect(acked.type === "tap:acked" && acked.outcome).toMatchObject({
      tapId: queued.report.id,
      duplicate: false,
    });
    expect(agent.stats().delivery).toMatchObject({ connected: true, queued: 0, delivered: 1 });
    expect(server.reports.events.every((r) => r.id === queued.report.id)).toBe(true);
  });

  it("resends the same id to a server that says nothing until it acknowledges", async () => {
    const pty = await ptyPair();
    const server = await deviceServer();
    server.setAnswer(() => undefined);
    const { agent, events } = await agentOn(server.url, pty.agentSide);
    await events.next((e) => e.type === "reader:open", "reader open");

    await readerSends(pty.readerSide, rdm6300Frame(CARD_B.digits));
    const first = await server.reports.next(() => true, "first attempt");
    await events.next((e) => e.type === "tap:retry", "a retry");
    await server.reports.next((r) => r !== first, "second attempt");
    server.setAnswer((r, seen) => ({
      data: { tapId: r.id, duplicate: seen, result: { kind: "debounced" } },
    }));

    const acked = await events.next((e) => e.type === "tap:acked", "ack");
    expect(acked.type === "tap:acked" && acked.report.id).toBe(first.id);
    expect(new Set(server.reports.events.map((r) => r.id))).toEqual(new Set([first.id]));
    expect(agent.stats().delivery).toMatchObject({ queued: 0, delivered: 1 });
  });

  it("reopens the reader when the pty disappears and comes back", async () => {
    const pty = await ptyPair();
    const server = await deviceServer();
    const { agent, events } = await agentOn(server.url, pty.agentSide);
    await events.next((e) => e.type === "reader:open", "reader open");
    await readerSends(pty.readerSide, rdm6300Frame(CARD_A.digits));
    await server.reports.next(() => true, "tap before unplug");

    await pty.stop();
    await events.next((e) => e.type === "reader:closed", "reader closed");
    const replugged = await ptyPair();
    await events.waitFresh((e) => e.type === "reader:open", "reader reopened");

    await readerSends(replugged.readerSide, rdm6300Frame(CARD_B.digits));
    const report = await server.reports.next(
      (r) => r.reading.kind === "card" && r.reading.cardId === CARD_B.cardId,
      "tap after replug",
    );
    expect(report.readerId).toBe("ttyV0");
    expect(agent.stats().readers[0]).toMatchObject({ opens: 2, open: true });
  });
});
