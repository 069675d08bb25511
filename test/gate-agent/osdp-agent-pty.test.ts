import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentEvent, startAgent } from "../../gate-agent";
import { CMD } from "../../gate-agent/drivers/osdp/codes";
import type { TapReport } from "../../protocol/devices";
import type { Ack } from "../../protocol/errors";
import type { TapOutcome } from "../../protocol/model";
import { startOsdpPdEmulator } from "./emulators/osdp-pd-emulator";
import { acceptAll, type DeviceServer, startDeviceServer } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * The whole agent as OSDP control panel: the generic/osdp-reader profile on a socat pty, an
 * emulated reader on the other end (real serialport binding both sides), a socket.io device
 * server that decides. A swipe must reach the server as a tap with the right card id, and the
 * server's decision must come back to the reader as LED and buzzer commands.
 */

const TOKEN = "gate-token";
const TIMING = { ackTimeoutMs: 1_000, retryMinMs: 50, retryMaxMs: 200, reopenMinMs: 50, reopenMaxMs: 200 };
const GREEN = 2;
const RED = 1;

let dir: string;
let pty: PtyPair | undefined;
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-osdp-"));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pty?.stop();
  pty = undefined;
  await rm(dir, { recursive: true, force: true });
});

const pickupRequested = (report: TapReport, seen: boolean): Ack<TapOutcome> => ({
  data: {
    tapId: report.id,
    duplicate: seen,
    result: {
      kind: "pickup",
      guardianId: "g1",
      guardianName: "王芳",
      children: [{ childId: "c1", childName: "小明", outcome: "requested" }],
    },
  },
});

async function setUp() {
  pty = await startPtyPair(dir);
  const emulator = await startOsdpPdEmulator(pty.readerSide);
  cleanups.push(() => emulator.close());
  const server: DeviceServer = await startDeviceServer({ token: TOKEN });
  cleanups.push(() => server.close());
  const events = new EventLog<AgentEvent>();
  const agent = await startAgent({
    serverUrl: server.url,
    token: TOKEN,
    readers: [{ profile: "generic/osdp-reader", path: pty.agentSide }],
    timing: TIMING,
    onEvent: events.push,
  });
  cleanups.push(() => agent.stop());
  // Online once the greeting is done and the first poll arrives.
  await emulator.pd.commands.next((c) => c.code === CMD.POLL, "first poll");
  return { pd: emulator.pd, server, agent, events };
}

const cardOf = (r: TapReport) => (r.reading.kind === "card" ? r.reading.cardId : undefined);

describe("OSDP reader through the real agent on a pty", () => {
  it("greets the reader and polls it with sequence numbers 0, 1, then 2, 3, 1…", async () => {
    const { pd } = await setUp();
    await pd.commands.next(() => pd.commands.events.length >= 5, "a few polls");
    const sent = pd.commands.events.slice(0, 5).map((c) => [c.code, c.seq]);
    expect(sent).toEqual([
      [CMD.ID, 0],
      [CMD.CAP, 1],
      [CMD.POLL, 2],
      [CMD.POLL, 3],
      [CMD.POLL, 1],
    ]);
    expect(pd.commands.events.every((c) => c.crc && !c.repeat)).toBe(true);
  });

  it("sends a swipe to the server and shows green and one beep for an accepted pickup", async () => {
    const { pd, server, agent } = await setUp();
    server.setAnswer(pickupRequested);

    pd.swipeW26(99, 59822);
    const report = await server.reports.next((r) => cardOf(r) === "0006547886", "tap at the server");
    expect(report).toMatchObject({ readerId: "ttyV0", reading: { kind: "card", cardId: "0006547886" } });
    expect(report.rawHex).toMatch(/^53801000..50/);

    const led = await pd.leds.next(() => true, "LED command");
    const beep = await pd.buzzes.next(() => true, "BUZ command");
    expect(led).toMatchObject({ color: GREEN });
    expect(beep).toMatchObject({ count: 1 });
    expect(agent.stats().readers[0]).toMatchObject({ readings: 1, open: true });
  });

  it("shows red and three beeps for a refused tap (unknown card)", async () => {
    const { pd, server } = await setUp();
    server.setAnswer(acceptAll); // answers unknown_card

    pd.swipeW26(12, 3456);
    await server.reports.next((r) => cardOf(r) === "0000789888", "tap at the server");
    const led = await pd.leds.next(() => true, "LED command");
    const beep = await pd.buzzes.next(() => true, "BUZ command");
    expect(led).toMatchObject({ color: RED });
    expect(beep).toMatchObject({ count: 3 });
  });

  it("sends keypad digits ending with # as one code", async () => {
    const { pd, server } = await setUp();
    pd.typeKeys("12");
    pd.typeKeys("34#");
    const report = await server.reports.next((r) => r.reading.kind === "code", "code at the server");
    expect(report.reading).toEqual({ kind: "code", text: "1234" });
  });

  it("reads a card through a corrupted reply and after the reader was silent for a while", async () => {
    const { pd, server, agent } = await setUp();
    pd.swipeW26(99, 59822);
    pd.corruptReplies(1);
    await server.reports.next((r) => cardOf(r) === "0006547886", "tap after a bad CRC");
    expect(agent.stats().readers[0]?.badFrames).toMatchObject({ "osdp:crc": 1 });

    pd.silent = true;
    const before = pd.commands.events.length;
    // retries (3 × 200 ms) run out, then the agent greets again after offlineRetryMs (2 s).
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    pd.silent = false;
    const id = await pd.commands.waitFresh((c) => c.code === CMD.ID, "greeting again", 5_000);
    expect(id).toMatchObject({ seq: 0 });
    expect(pd.commands.events.length).toBe(before + 1);

    pd.swipeW26(12, 3456);
    await server.reports.next((r) => cardOf(r) === "0000789888", "tap after the silence");
  });
});
