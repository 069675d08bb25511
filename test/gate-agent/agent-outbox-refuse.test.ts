import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentEvent, startAgent } from "../../gate-agent";
import { CMD } from "../../gate-agent/drivers/osdp/codes";
import type { TapReport } from "../../protocol/devices";
import { startOsdpPdEmulator } from "./emulators/osdp-pd-emulator";
import { acceptAll, startDeviceServer } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { makeReadOnly } from "./helpers/read-only";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * A tap the agent cannot keep on disk is refused at the reader (red, three beeps) and logged,
 * never silently dropped; what it did keep still reaches the server. OSDP reader emulated on a
 * socat pty, because it is a reader with a light and a buzzer.
 */

const TOKEN = "gate-token";
const TIMING = { ackTimeoutMs: 1_000, retryMinMs: 50, retryMaxMs: 200, reopenMinMs: 50, reopenMaxMs: 200 };
const RED = 1;

let dir: string;
let pty: PtyPair | undefined;
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-refuse-"));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pty?.stop();
  pty = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function setUp(dataDir: string, outboxLimit?: number) {
  pty = await startPtyPair(dir);
  const emulator = await startOsdpPdEmulator(pty.readerSide);
  cleanups.push(() => emulator.close());
  const server = await startDeviceServer({ token: TOKEN });
  cleanups.push(() => server.close());
  const events = new EventLog<AgentEvent>();
  const agent = await startAgent({
    serverUrl: server.url,
    token: TOKEN,
    readers: [{ profile: "generic/osdp-reader", path: pty.agentSide }],
    timing: TIMING,
    onEvent: events.push,
    dataDir,
    ...(outboxLimit === undefined ? {} : { outboxLimit }),
  });
  cleanups.push(() => agent.stop());
  await emulator.pd.commands.next((c) => c.code === CMD.POLL, "first poll");
  return { pd: emulator.pd, server, agent, events };
}

const cardOf = (r: TapReport) => (r.reading.kind === "card" ? r.reading.cardId : undefined);

describe("a tap the agent cannot keep", () => {
  it("is refused at the reader when the agent's folder is read-only", async () => {
    const dataDir = join(dir, "agent");
    await mkdir(dataDir);
    cleanups.push(await makeReadOnly(dataDir));
    const { pd, server, events } = await setUp(dataDir);

    pd.swipeW26(99, 59822);
    const refused = await events.next((e) => e.type === "tap:refused", "tap refused");
    expect(refused).toMatchObject({ readerId: "ttyV0" });
    expect(await pd.leds.next(() => true, "LED command")).toMatchObject({ color: RED });
    expect(await pd.buzzes.next(() => true, "BUZ command")).toMatchObject({ count: 3 });
    expect(events.events.some((e) => e.type === "outbox:problem" && e.problem.kind === "disk_error")).toBe(
      true,
    );
    expect(server.reports.events).toEqual([]);
  });

  it("is refused when the outbox is full; the taps it holds are delivered", async () => {
    const { pd, server, events } = await setUp(join(dir, "agent"), 1);
    server.setAnswer(() => undefined);
    pd.swipeW26(99, 59822);
    await events.next((e) => e.type === "tap:queued", "first tap kept");
    pd.swipeW26(12, 3456);
    await events.next((e) => e.type === "tap:refused", "second tap refused");
    expect(await pd.leds.next(() => true, "LED command")).toMatchObject({ color: RED });
    expect(events.events.some((e) => e.type === "outbox:problem" && e.problem.kind === "full")).toBe(true);

    server.setAnswer(acceptAll);
    await events.next((e) => e.type === "tap:acked", "the kept tap acknowledged");
    expect(new Set(server.reports.events.map(cardOf))).toEqual(new Set(["0006547886"]));
  });
});
