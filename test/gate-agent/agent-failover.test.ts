import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentProcess, type LogLine, spawnAgent } from "./helpers/agent-process";
import { type DeviceServer, freePort, startDeviceServer } from "./helpers/device-server";
import { rdm6300Card } from "./helpers/frames";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/** `wanfeng agent --server A --server B` as a real process: A goes down, B gets the taps in order. */

const TOKEN = "gate-token";
const SLOW_MS = 30_000;

let dir: string;
let pty: PtyPair;
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-failover-"));
  pty = await startPtyPair(dir);
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pty.stop();
  await rm(dir, { recursive: true, force: true });
});

async function server(port?: number): Promise<DeviceServer> {
  const s = await startDeviceServer({ token: TOKEN, ...(port === undefined ? {} : { port }) });
  cleanups.push(() => s.close());
  return s;
}

async function readerSends(bytes: Buffer): Promise<void> {
  const handle = await open(pty.readerSide, "r+");
  try {
    await handle.write(bytes);
  } finally {
    await handle.close();
  }
}

const acked = (l: LogLine) => l.msg === "tap acknowledged";

async function count(proc: AgentProcess, match: (l: LogLine) => boolean, n: number, label: string) {
  while (proc.logs.events.filter(match).length < n) await proc.logs.waitFresh(match, label, SLOW_MS);
}

describe("an agent with two servers", { timeout: 90_000 }, () => {
  it("moves to the second when the first is down and delivers the outbox there in order", async () => {
    const a = await server();
    const bPort = await freePort();
    const agent = spawnAgent([
      "--server",
      a.url,
      "--server",
      `http://127.0.0.1:${bPort}`,
      "--token",
      TOKEN,
      "--reader",
      `generic/rdm6300:${pty.agentSide}`,
      "--data-dir",
      join(dir, "agent-data"),
    ]);
    cleanups.push(() => agent.stop());
    await agent.logs.next((l) => l.msg === "reader open", "reader open", SLOW_MS);
    await readerSends(rdm6300Card(31).frame);
    await count(agent, acked, 1, "first tap at A");
    expect(a.reports.events.map((r) => r.reading)).toEqual([
      { kind: "card", cardId: rdm6300Card(31).cardId },
    ]);

    await a.close();
    // Both down for a moment: the taps wait on disk, in order.
    await agent.logs.next((l) => l.msg === "trying the next server", "failover", SLOW_MS);
    await readerSends(rdm6300Card(32).frame);
    await agent.logs.next(
      (l) => l.msg === "tap queued" && l.cardId === rdm6300Card(32).cardId,
      "tap 2",
      SLOW_MS,
    );
    await readerSends(rdm6300Card(33).frame);
    await agent.logs.next(
      (l) => l.msg === "tap queued" && l.cardId === rdm6300Card(33).cardId,
      "tap 3",
      SLOW_MS,
    );
    const b = await server(bPort);
    await count(agent, acked, 3, "taps 2 and 3 at B");

    const atB = [
      ...new Set(b.reports.events.map((r) => (r.reading.kind === "card" ? r.reading.cardId : ""))),
    ];
    expect(atB).toEqual([rdm6300Card(32).cardId, rdm6300Card(33).cardId]);
    expect(agent.logs.events.some((l) => l.msg === "connected to server" && l.serverUrl === b.url)).toBe(
      true,
    );
  });
});
