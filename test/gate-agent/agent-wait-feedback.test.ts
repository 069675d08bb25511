import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { offlineCacheKeyFromToken, signOfflineCache } from "../../common/offline-cache-key";
import { type AgentEvent, startAgent } from "../../gate-agent";
import { CMD } from "../../gate-agent/drivers/osdp/codes";
import { CACHE_FILE } from "../../gate-agent/offline/offline-answers";
import type { OfflineCache } from "../../protocol/offline-cache";
import { startOsdpPdEmulator } from "./emulators/osdp-pd-emulator";
import { freePort } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * Issue 9: "without a fresh cache the agent only queues and gives the 'wait' feedback". The server
 * is unreachable and the gate has no offline cache, or one older than `cacheMaxAgeMs`: the reader
 * gets the wait signal (amber, two long beeps), never the accept or refuse one, and the tap is
 * kept. OSDP reader emulated on a socat pty, because it has a light and a buzzer.
 */

const TOKEN = "gate-token";
const TIMING = { ackTimeoutMs: 1_000, retryMinMs: 50, retryMaxMs: 200, reopenMinMs: 50, reopenMaxMs: 200 };
const AMBER = 3;

let dir: string;
let pty: PtyPair | undefined;
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-wait-"));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pty?.stop();
  pty = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** A signed cache in which the swiped card (0006547886) may collect a child. */
async function writeCache(dataDir: string, issuedAt: Date): Promise<void> {
  const cache: OfflineCache = {
    deviceId: "device-1",
    day: issuedAt.toISOString().slice(0, 10),
    issuedAt: issuedAt.toISOString(),
    cards: [{ cardId: "0006547886", holder: "guardian", active: true, children: 1 }],
  };
  const signature = signOfflineCache(JSON.stringify(cache), offlineCacheKeyFromToken(TOKEN));
  await writeFile(join(dataDir, CACHE_FILE), JSON.stringify({ cache, signature }));
}

async function setUp(dataDir: string) {
  pty = await startPtyPair(dir);
  const emulator = await startOsdpPdEmulator(pty.readerSide);
  cleanups.push(() => emulator.close());
  const events = new EventLog<AgentEvent>();
  const agent = await startAgent({
    // Nothing listens there: the server is away from the start.
    serverUrl: `http://127.0.0.1:${await freePort()}`,
    token: TOKEN,
    readers: [{ profile: "generic/osdp-reader", path: pty.agentSide }],
    timing: TIMING,
    onEvent: events.push,
    dataDir,
    cacheMaxAgeMs: 60_000,
  });
  cleanups.push(() => agent.stop());
  await emulator.pd.commands.next((c) => c.code === CMD.POLL, "first poll");
  return { pd: emulator.pd, agent, events };
}

async function expectWait(pd: Awaited<ReturnType<typeof setUp>>["pd"], events: EventLog<AgentEvent>) {
  pd.swipeW26(99, 59822);
  const queued = await events.next((e) => e.type === "tap:queued", "tap kept");
  expect(queued.type === "tap:queued" && queued.report.offline).toBeUndefined();
  expect(await pd.leds.next(() => true, "LED command")).toMatchObject({ color: AMBER });
  expect(await pd.buzzes.next(() => true, "BUZ command")).toMatchObject({ count: 2 });
  // Only the wait signal: no green or red follows while the server is away.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(pd.leds.events.map((l) => l.color)).toEqual([AMBER]);
  expect(events.events.some((e) => e.type === "tap:refused")).toBe(false);
}

describe("a tap while the server is away and the gate cannot decide", () => {
  it("gets the wait signal when there is no offline cache", async () => {
    const dataDir = join(dir, "agent");
    await mkdir(dataDir);
    const { pd, agent, events } = await setUp(dataDir);
    await expectWait(pd, events);
    expect(agent.stats().delivery).toMatchObject({ connected: false });
  });

  it("gets the wait signal when the cache is older than the configured age", async () => {
    const dataDir = join(dir, "agent");
    await mkdir(dataDir);
    await writeCache(dataDir, new Date(Date.now() - 5 * 60_000));
    const { pd, events } = await setUp(dataDir);
    await expectWait(pd, events);
  });

  it("still answers from a fresh cache (green), not wait", async () => {
    const dataDir = join(dir, "agent");
    await mkdir(dataDir);
    await writeCache(dataDir, new Date(Date.now() - 10_000));
    const { pd, events } = await setUp(dataDir);
    pd.swipeW26(99, 59822);
    await events.next((e) => e.type === "tap:queued", "tap kept");
    expect(await pd.leds.next(() => true, "LED command")).toMatchObject({ color: 2 });
  });
});
