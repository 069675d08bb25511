import { mkdtemp, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AgentEvent, startAgent } from "../../gate-agent";
import { type DeviceServer, startDeviceServer } from "./helpers/device-server";
import { EventLog } from "./helpers/events";
import { type PtyPair, startPtyPair } from "./helpers/socat";

/**
 * Text readers through the whole agent: a socat pty pair stands in for the scanner's
 * /dev/ttyACM0 (or the converter's serial port), opened with the real serialport binding, and a
 * socket.io server receives the readings.
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

let dir: string;
let cleanups: (() => Promise<void>)[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "wanfeng-scanner-pty-"));
  cleanups = [];
});

afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh pty pair, server and agent with one reader of `profile`, open and ready. */
async function setUp(profile: string): Promise<{ pty: PtyPair; server: DeviceServer }> {
  const pty = await startPtyPair(dir);
  cleanups.push(() => pty.stop());
  const server = await startDeviceServer({ token: TOKEN });
  cleanups.push(() => server.close());
  const events = new EventLog<AgentEvent>();
  const agent = await startAgent({
    serverUrl: server.url,
    token: TOKEN,
    readers: [{ profile, path: pty.agentSide }],
    timing: TIMING,
    onEvent: events.push,
  });
  cleanups.push(() => agent.stop());
  await events.next((e) => e.type === "reader:open", "reader open");
  return { pty, server };
}

/** Writes as the device would; the pty keeps the bytes until the agent reads them. */
async function deviceSends(path: string, text: string): Promise<void> {
  const handle = await open(path, "r+");
  try {
    await handle.write(Buffer.from(text, "utf8"));
  } finally {
    await handle.close();
  }
}

describe("text readers over a pty", () => {
  it("reads a QR pass from a scanner sending an AIM id and CR LF", async () => {
    const { pty, server } = await setUp("generic/qr-scanner-serial-crlf");
    await deviceSends(pty.readerSide, "]Q1WF-PASS-1234\r\n");
    const report = await server.reports.next(() => true, "code at the server");
    expect(report).toMatchObject({
      readerId: "ttyV0",
      reading: { kind: "code", text: "WF-PASS-1234" },
      rawHex: Buffer.from("]Q1WF-PASS-1234\r").toString("hex"),
    });
  });

  it("reads a QR pass from a scanner with no suffix once the bytes stop", async () => {
    const { pty, server } = await setUp("generic/qr-scanner-serial-nosuffix");
    await deviceSends(pty.readerSide, "]Q1WF-PASS-1234");
    const report = await server.reports.next(() => true, "code at the server");
    expect(report.reading).toEqual({ kind: "code", text: "WF-PASS-1234" });
    // A second scan after the pause is a reading of its own, not glued onto the first.
    await deviceSends(pty.readerSide, "]Q1WF-PASS-5678");
    const second = await server.reports.next((r) => r.id !== report.id, "second code");
    expect(second.reading).toEqual({ kind: "code", text: "WF-PASS-5678" });
  });

  it("reads a Wiegand converter's W26 line as the card id printed on the card", async () => {
    const { pty, server } = await setUp("generic/wiegand-w26-serial");
    await deviceSends(pty.readerSide, "099,59822\r\n");
    const report = await server.reports.next(() => true, "card at the server");
    expect(report.reading).toEqual({ kind: "card", cardId: "0006547886" });
  });
});
