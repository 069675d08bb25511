import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_OSDP_OPTIONS, type OsdpOptions } from "../../common/profiles/osdp-options";
import { CMD, NAK, REPLY } from "../../gate-agent/drivers/osdp/codes";
import { OsdpDriver } from "../../gate-agent/drivers/osdp/driver";
import { encodePacket } from "../../gate-agent/drivers/osdp/packet";
import type { Reading } from "../../protocol/devices";
import { OsdpPd } from "./emulators/osdp-pd";

/** The control-panel state machine against the emulated reader, on fake timers: no real waits. */

const LINE_DELAY_MS = 2;

interface Harness {
  driver: OsdpDriver;
  pd: OsdpPd;
  readings: { reading: Reading; rawHex: string }[];
  rejects: { reason: string; rawHex: string }[];
  writes: Buffer[];
}

function harness(options: Partial<OsdpOptions> = {}): Harness {
  const readings: Harness["readings"] = [];
  const rejects: Harness["rejects"] = [];
  const writes: Buffer[] = [];
  // Both directions take a couple of milliseconds, as on a real line.
  const pd = new OsdpPd((bytes) => setTimeout(() => driver.onData(bytes), LINE_DELAY_MS));
  const driver: OsdpDriver = new OsdpDriver(
    { ...DEFAULT_OSDP_OPTIONS, ...options },
    {
      readerId: "osdp-test",
      write: async (bytes) => {
        writes.push(bytes);
        setTimeout(() => pd.onCpBytes(bytes), LINE_DELAY_MS);
      },
      read: (reading, rawHex) => readings.push({ reading, rawHex }),
      reject: (reason, rawHex) => rejects.push({ reason, rawHex }),
      junk: () => {},
      now: () => Date.now(),
    },
  );
  return { driver, pd, readings, rejects, writes };
}

const codes = (pd: OsdpPd) => pd.commands.events.map((c) => c.code);
const seqs = (pd: OsdpPd) => pd.commands.events.map((c) => c.seq);

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

async function online(h: Harness): Promise<void> {
  h.driver.start();
  await vi.advanceTimersByTimeAsync(20);
  expect(h.driver.status().phase).toBe("online");
}

describe("OSDP control panel", () => {
  it("greets the reader with ID and CAP from sequence 0, then polls every interval", async () => {
    const h = harness({ pollIntervalMs: 200 });
    await online(h);
    expect(codes(h.pd)).toEqual([CMD.ID, CMD.CAP]);
    expect(h.driver.status().identity).toEqual({
      vendor: "5c260a",
      model: 1,
      version: 2,
      serial: 0x12345678,
      firmware: "3.1.7",
    });
    expect(h.driver.status().capabilities).toContainEqual({ function: 8, compliance: 1, items: 0 });
    // Mark byte first, CRC flag set.
    expect(h.writes[0]?.subarray(0, 2)).toEqual(Buffer.from([0xff, 0x53]));

    // Online at about 8 ms: the first poll goes out 200 ms later.
    await vi.advanceTimersByTimeAsync(150);
    expect(codes(h.pd)).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(4 * 205);
    expect(codes(h.pd).slice(2)).toEqual([CMD.POLL, CMD.POLL, CMD.POLL, CMD.POLL]);
    expect(seqs(h.pd)).toEqual([0, 1, 2, 3, 1, 2]);
    expect(h.rejects).toEqual([]);
  });

  it("turns a RAW card read into the canonical card id", async () => {
    const h = harness();
    await online(h);
    h.pd.swipeW26(99, 59822);
    await vi.advanceTimersByTimeAsync(250);
    expect(h.readings).toHaveLength(1);
    expect(h.readings[0]?.reading).toEqual({ kind: "card", cardId: "0006547886" });
    expect(h.readings[0]?.rawHex).toMatch(/^53801000..5000011a00/);
  });

  it("collects keypad digits up to '#' into one code, and drops an entry left unfinished", async () => {
    const h = harness({ keypad: { timeoutMs: 3_000, onTimeout: "discard" } });
    await online(h);
    h.pd.typeKeys("12");
    h.pd.typeKeys("34#");
    await vi.advanceTimersByTimeAsync(500);
    expect(h.readings.map((r) => r.reading)).toEqual([{ kind: "code", text: "1234" }]);

    h.pd.typeKeys("9*5");
    await vi.advanceTimersByTimeAsync(3_500);
    h.pd.typeKeys("#");
    await vi.advanceTimersByTimeAsync(500);
    expect(h.readings).toHaveLength(1);
  });

  it("sends an unfinished keypad entry after the pause when told to", async () => {
    const h = harness({ keypad: { timeoutMs: 3_000, onTimeout: "submit" } });
    await online(h);
    h.pd.typeKeys("9*56");
    await vi.advanceTimersByTimeAsync(3_500);
    expect(h.readings.map((r) => r.reading)).toEqual([{ kind: "code", text: "56" }]);
  });

  it("resends a command with the same sequence number when the reply is lost, and acts once", async () => {
    const h = harness({ replyTimeoutMs: 100 });
    await online(h);
    h.pd.swipeW26(1, 2);
    h.pd.loseReplies(1);
    await vi.advanceTimersByTimeAsync(400);
    const polls = h.pd.commands.events.filter((c) => c.code === CMD.POLL);
    expect(polls[0]?.seq).toBe(polls[1]?.seq);
    expect(polls[1]?.repeat).toBe(true);
    expect(h.readings).toHaveLength(1);
    expect(h.driver.status().resends).toBe(1);
  });

  it("rejects a reply with a bad CRC, resends, and reads the card from the repeated reply", async () => {
    const h = harness({ replyTimeoutMs: 100 });
    await online(h);
    h.pd.swipeW26(99, 59822);
    h.pd.corruptReplies(1);
    await vi.advanceTimersByTimeAsync(400);
    expect(h.rejects.map((r) => r.reason)).toEqual(["osdp:crc"]);
    expect(h.readings.map((r) => r.reading)).toEqual([{ kind: "card", cardId: "0006547886" }]);
  });

  it("goes offline after the resends run out, then greets the reader again from sequence 0", async () => {
    const h = harness({ replyTimeoutMs: 100, retriesBeforeOffline: 2, offlineRetryMs: 1_000 });
    await online(h);
    h.pd.silent = true;
    const before = h.writes.length;
    await vi.advanceTimersByTimeAsync(200 + 3 * 100 + 10);
    expect(h.driver.status().phase).toBe("offline");
    const polls = h.writes.slice(before);
    expect(polls).toHaveLength(3);
    expect(new Set(polls.map((p) => p.toString("hex"))).size).toBe(1);

    h.pd.silent = false;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.driver.status().phase).toBe("online");
    expect(h.driver.status().offlineCount).toBe(1);
    const again = h.pd.commands.events.slice(-2);
    expect(again.map((c) => [c.code, c.seq])).toEqual([
      [CMD.ID, 0],
      [CMD.CAP, 1],
    ]);
  });

  it("keeps polling after a NAK for one command, and restarts the sequence after a sequence NAK", async () => {
    const h = harness();
    await online(h);
    h.pd.nak(NAK.UNKNOWN_COMMAND);
    await vi.advanceTimersByTimeAsync(450);
    expect(h.driver.status().phase).toBe("online");
    expect(codes(h.pd).slice(-2)).toEqual([CMD.POLL, CMD.POLL]);

    h.pd.nak(NAK.SEQUENCE);
    await vi.advanceTimersByTimeAsync(210);
    expect(h.driver.status().phase).toBe("online");
    expect(h.pd.commands.events.slice(-2).map((c) => [c.code, c.seq])).toEqual([
      [CMD.ID, 0],
      [CMD.CAP, 1],
    ]);
  });

  it("falls back to the checksum when the reader NAKs the CRC, same command and sequence", async () => {
    const h = harness();
    h.pd.nak(NAK.CHECK);
    h.driver.start();
    await vi.advanceTimersByTimeAsync(20);
    const [first, second] = h.pd.commands.events;
    expect([first?.code, first?.crc, first?.seq]).toEqual([CMD.ID, true, 0]);
    expect([second?.code, second?.crc, second?.seq]).toEqual([CMD.ID, false, 0]);
    expect(h.driver.status()).toMatchObject({ phase: "online", useCrc: false });
  });

  it("waits and repeats a command the reader answered BUSY", async () => {
    const h = harness({ pollIntervalMs: 100 });
    await online(h);
    h.pd.busy(1);
    await vi.advanceTimersByTimeAsync(250);
    const polls = h.pd.commands.events.filter((c) => c.code === CMD.POLL);
    expect(polls[0]?.seq).toBe(polls[1]?.seq);
    expect(polls[1]?.repeat).toBe(false);
  });

  it("signals accept and refuse with LED and buzzer commands between polls", async () => {
    const h = harness({ pollIntervalMs: 200 });
    await online(h);
    const accepted = h.driver.feedback("accept");
    await vi.advanceTimersByTimeAsync(20);
    await accepted;
    expect(h.pd.leds.events).toEqual([{ color: 2, onCount: 15, offCount: 0, timer: 15 }]);
    expect(h.pd.buzzes.events).toEqual([{ tone: 2, onCount: 2, offCount: 1, count: 1 }]);

    const refused = h.driver.feedback("refuse");
    await vi.advanceTimersByTimeAsync(250);
    await refused;
    expect(h.pd.leds.events[1]).toEqual({ color: 1, onCount: 2, offCount: 2, timer: 20 });
    expect(h.pd.buzzes.events[1]).toMatchObject({ count: 3 });
  });

  it("gives no feedback while the reader is offline, and stops writing once stopped", async () => {
    const h = harness();
    await h.driver.feedback("accept");
    expect(h.writes).toHaveLength(0);
    await online(h);
    h.driver.stop();
    const count = h.writes.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.writes).toHaveLength(count);
  });

  it("ignores its own commands echoed back by the adapter", async () => {
    const h = harness();
    h.driver.start();
    const echo = h.writes[0] ?? Buffer.alloc(0);
    h.driver.onData(echo);
    await vi.advanceTimersByTimeAsync(20);
    expect(h.driver.status().phase).toBe("online");
    expect(h.rejects).toEqual([]);
  });

  it("counts a reply with no command outstanding, or with the wrong sequence number, as bad", async () => {
    const h = harness({ pollIntervalMs: 200 });
    const ack = (seq: number) => encodePacket({ address: 0, reply: true, seq, crc: true, code: REPLY.ACK });
    h.driver.onData(ack(1));
    expect(h.rejects.map((r) => r.reason)).toEqual(["osdp:unexpected-reply"]);

    await online(h);
    await vi.advanceTimersByTimeAsync(189); // the first POLL (seq 2) is on the line
    h.driver.onData(ack(3));
    expect(h.rejects.map((r) => r.reason)).toEqual(["osdp:unexpected-reply", "osdp:sequence"]);
    await vi.advanceTimersByTimeAsync(20);
    expect(h.driver.status().resends).toBe(0);
  });
});
