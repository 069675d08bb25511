import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentProcess, type LogLine, spawnAgent } from "./helpers/agent-process";
import { acceptAll, type DeviceServer, freePort, startDeviceServer } from "./helpers/device-server";
import { rdm6300Card } from "./helpers/frames";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * `wanfeng agent` as a real process on a socat pty, killed with SIGKILL: what it logged as queued
 * is on disk and reaches the server once after the restart.
 */

const TOKEN = "gate-token";
/** A process start compiles the sources through tsx: slow on a busy machine. */
const SLOW_MS = 30_000;

let dir: string;
let pty: PtyPair;
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-kill-"));
  pty = await startPtyPair(dir);
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await pty.stop();
  await rm(dir, { recursive: true, force: true });
});

function agent(serverUrl: string): AgentProcess {
  const proc = spawnAgent([
    "--server",
    serverUrl,
    "--token",
    TOKEN,
    "--reader",
    `generic/rdm6300:${pty.agentSide}`,
    "--data-dir",
    join(dir, "agent-data"),
  ]);
  cleanups.push(() => proc.stop());
  return proc;
}

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

const queued = (l: LogLine) => l.msg === "tap queued";
const isOpen = (l: LogLine) => l.msg === "reader open";

/** Waits until `count` lines match, returns them. */
async function lines(proc: AgentProcess, match: (l: LogLine) => boolean, count: number, label: string) {
  for (let seen = 0; seen < count; seen++) {
    const already = proc.logs.events.filter(match).length;
    if (already >= count) break;
    await proc.logs.waitFresh(match, `${label} (${already}/${count})`, SLOW_MS);
  }
  return proc.logs.events.filter(match);
}

/** Distinct tap ids the server applied (acknowledged as new), in order of arrival. */
function applied(s: DeviceServer): string[] {
  return [...new Set(s.reports.events.map((r) => r.id))];
}

describe("an agent killed with SIGKILL", { timeout: 90_000 }, () => {
  it("delivers all 6 taps of a burst (one write) after the restart, each once", async () => {
    const s = await server();
    // The server is slow to answer: nothing is acknowledged before the kill.
    s.setAnswer(() => undefined);
    const first = agent(s.url);
    await first.logs.next(isOpen, "reader open", SLOW_MS);
    const cards = [11, 12, 13, 14, 15, 16].map(rdm6300Card);
    await readerSends(Buffer.concat(cards.map((c) => c.frame)));
    const logged = await lines(first, queued, 6, "6 taps queued");
    await first.kill9();
    expect(logged.map((l) => l.cardId)).toEqual(cards.map((c) => c.cardId));

    s.setAnswer(acceptAll);
    const second = agent(s.url);
    await lines(second, (l) => l.msg === "tap acknowledged", 6, "6 acknowledgements");
    expect(applied(s)).toEqual(logged.map((l) => l.tapId));
    const acked = second.logs.events.filter((l) => l.msg === "tap acknowledged");
    expect(acked.filter((l) => l.duplicate === false)).toHaveLength(6);
  });

  it("keeps every tap of a server outage across the kill, each with its own time", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = agent(url);
    await first.logs.next(isOpen, "reader open", SLOW_MS);
    await readerSends(rdm6300Card(21).frame);
    await lines(first, queued, 1, "first tap queued");
    await readerSends(rdm6300Card(22).frame);
    const before = await lines(first, queued, 2, "second tap queued");
    await first.kill9();

    const second = agent(url);
    await second.logs.next(isOpen, "reader reopened", SLOW_MS);
    await readerSends(rdm6300Card(23).frame);
    const after = await lines(second, queued, 1, "tap after the restart queued");

    const s = await server(port);
    await lines(second, (l) => l.msg === "tap acknowledged", 3, "3 acknowledgements");
    const made = [...before, ...after];
    expect(applied(s)).toEqual(made.map((l) => l.tapId));
    for (const line of made) {
      const report = s.reports.events.find((r) => r.id === line.tapId);
      expect(report?.at).toBe(line.at);
    }
    expect(new Set(made.map((l) => l.at)).size).toBe(3);
  });
});
