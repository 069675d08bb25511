import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Agent, type AgentEvent, startAgent } from "../../gate-agent";
import { type Pn532Emulator, startPn532Emulator } from "./emulators/pn532-emulator";
import { type DeviceServer, startDeviceServer } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * The real agent with the nxp/pn532-hsu profile on one end of a socat pty, the PN532 emulator on
 * the other, and a socket.io device server receiving the taps.
 */

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
const UID_7 = Buffer.from("04a1b2c3d4e5f6", "hex");
const UID_4 = Buffer.from("deadbeef", "hex");
const POLL = 0x4a;

let dir: string;
let ptys: PtyPair[];
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-pn532-"));
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

async function emulator(path: string): Promise<Pn532Emulator> {
  const emu = await startPn532Emulator(path);
  cleanups.push(() => emu.close());
  return emu;
}

async function deviceServer(): Promise<DeviceServer> {
  const server = await startDeviceServer({ token: TOKEN });
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
    readers: [{ profile: "nxp/pn532-hsu", path }],
    timing: TIMING,
    onEvent: events.push,
  });
  cleanups.push(() => agent.stop());
  return { agent, events };
}

/** Resolves after `count` more polls reach the chip. */
async function polls(emu: Pn532Emulator, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    await emu.events.waitFresh((e) => e.type === "command" && e.code === POLL, `poll ${i + 1}`);
  }
}

describe("PN532 over a pty", () => {
  it("reads a presented card as one tap while held, and again after it was away", async () => {
    const pty = await ptyPair();
    const emu = await emulator(pty.readerSide);
    const server = await deviceServer();
    const { agent } = await agentOn(server.url, pty.agentSide);
    await emu.events.next((e) => e.type === "command" && e.code === POLL, "first poll");

    // The first answer is corrupted on the wire: skipped, the poll is sent again.
    emu.injectBadChecksum();
    emu.present(UID_7);
    const first = await server.reports.next(() => true, "tap at the server");
    expect(first).toMatchObject({
      readerId: "ttyV0",
      reading: { kind: "card", cardId: "UID:04A1B2C3D4E5F6" },
    });
    expect(first.rawHex).toMatch(/^0000ff0ff1d54b0101004400070/);

    // Held for longer than the debounce: answered on every poll, still one tap.
    await polls(emu, 15);
    expect(server.reports.events).toHaveLength(1);
    const held = agent.stats().readers[0];
    expect(held?.debounced).toBeGreaterThanOrEqual(10);
    expect(held?.badFrames).toEqual({ "pn532:bad-data-checksum": 1 });

    // Taken away: polls time out and are aborted; once the debounce has passed it is a new tap.
    emu.remove();
    await emu.events.waitFresh((e) => e.type === "abort", "first abort");
    await emu.events.waitFresh((e) => e.type === "abort", "second abort");
    emu.present(UID_7);
    const second = await server.reports.next((r) => r.id !== first.id, "second tap");
    expect(second.reading).toEqual(first.reading);
    expect(server.reports.events).toHaveLength(2);
  });

  it("runs the set-up again on a re-plugged module and reads from it", async () => {
    const pty = await ptyPair();
    const emu = await emulator(pty.readerSide);
    const server = await deviceServer();
    const { agent, events } = await agentOn(server.url, pty.agentSide);
    await emu.events.next((e) => e.type === "command" && e.code === POLL, "first poll");
    emu.present(UID_7);
    await server.reports.next(() => true, "tap before unplug");

    await emu.close();
    await pty.stop();
    await events.next((e) => e.type === "reader:closed", "reader closed");
    const replugged = await ptyPair();
    const fresh = await emulator(replugged.readerSide);
    await events.waitFresh((e) => e.type === "reader:open", "reader reopened");

    // A fresh chip is asleep: it only hears the set-up because the driver wakes it first.
    await fresh.events.next((e) => e.type === "command" && e.code === 0x14, "SAMConfiguration");
    await fresh.events.next((e) => e.type === "command" && e.code === 0x02, "GetFirmwareVersion");
    await fresh.events.next((e) => e.type === "command" && e.code === POLL, "poll after replug");
    fresh.present(UID_4);
    const report = await server.reports.next(
      (r) => r.reading.kind === "card" && r.reading.cardId === "UID:DEADBEEF",
      "tap after replug",
    );
    expect(report.readerId).toBe("ttyV0");
    expect(agent.stats().readers[0]).toMatchObject({ opens: 2, open: true });
  });
});
