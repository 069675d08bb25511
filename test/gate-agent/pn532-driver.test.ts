import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  getFirmwareVersion,
  inListPassiveTarget106A,
  samConfigurationNormal,
  WAKE_UP,
} from "../../gate-agent/drivers/pn532/commands";
import { ACK, encodeFrame, NACK, TFI_CHIP } from "../../gate-agent/drivers/pn532/frame";
import { targetData } from "./emulators/pn532-chip";
import { type Harness, harness } from "./emulators/pn532-fake-context";

/** The PN532 state machine against a fake context, on vitest's fake timers: no real waiting. */

const UID = Buffer.from("04a1b2c3d4e5f6", "hex");
const CARD = "UID:04A1B2C3D4E5F6";

const reply = (data: readonly number[]) => encodeFrame(TFI_CHIP, data);
const SAM_REPLY = reply([0x15]);
const FIRMWARE_REPLY = reply([0x03, 0x32, 0x01, 0x06, 0x07]);
const CARD_REPLY = reply(targetData(UID));

const SETUP = Buffer.concat([WAKE_UP, samConfigurationNormal()]).toString("hex");
const FIRMWARE = getFirmwareVersion().toString("hex");
const POLL = inListPassiveTarget106A().toString("hex");
const ABORT = ACK.toString("hex");

/** Runs the set-up to the first poll. */
function ready(h: Harness): void {
  h.driver.start();
  h.chip(ACK, SAM_REPLY);
  h.chip(ACK, FIRMWARE_REPLY);
  expect(h.writes).toEqual([SETUP, FIRMWARE, POLL]);
  h.writes.length = 0;
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("PN532 driver set-up", () => {
  it("wakes the chip, configures the SAM, reads the firmware, then polls", () => {
    const h = harness();
    h.driver.start();
    expect(h.writes).toEqual([SETUP]);
    expect(h.writes[0]?.startsWith("5555000000")).toBe(true);
    h.chip(ACK, SAM_REPLY);
    expect(h.writes.at(-1)).toBe(FIRMWARE);
    expect(h.driver.isReady).toBe(false);
    h.chip(ACK, FIRMWARE_REPLY);
    expect(h.driver.firmware).toEqual({ ic: 0x32, version: 1, revision: 6, support: 7 });
    expect(h.driver.isReady).toBe(true);
    expect(h.writes.at(-1)).toBe(POLL);
    expect(h.rejects).toEqual([]);
  });

  it("takes a reply whose ACK was lost", () => {
    const h = harness();
    h.driver.start();
    h.chip(SAM_REPLY);
    expect(h.writes.at(-1)).toBe(FIRMWARE);
  });

  it("runs the set-up again while the chip does not answer", async () => {
    const h = harness();
    h.driver.start();
    await vi.advanceTimersByTimeAsync(200);
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:no-ack"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.writes).toEqual([SETUP, SETUP]);
    h.chip(ACK); // ACKed, then the reply never comes
    await vi.advanceTimersByTimeAsync(300);
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:no-ack", "pn532:no-reply"]);
    expect(h.writes).toEqual([SETUP, SETUP, SETUP]);
  });

  it("starts over from the wake-up when the firmware reply is bad", async () => {
    const h = harness();
    h.driver.start();
    h.chip(ACK, SAM_REPLY, ACK, reply([0x03, 0x32]));
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:bad-reply"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.writes.at(-1)).toBe(SETUP);
  });
});

describe("PN532 driver polling", () => {
  it("reads a card with its UID and raw frame, then polls again after the interval", async () => {
    const h = harness();
    ready(h);
    h.chip(ACK, CARD_REPLY);
    expect(h.reads).toEqual([{ cardId: CARD, rawHex: CARD_REPLY.toString("hex") }]);
    await vi.advanceTimersByTimeAsync(99);
    expect(h.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.writes).toEqual([POLL]);
  });

  it("aborts a poll nobody answers with an ACK and polls again", async () => {
    const h = harness();
    ready(h);
    h.chip(ACK);
    await vi.advanceTimersByTimeAsync(999);
    expect(h.writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.writes).toEqual([ABORT]);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.writes).toEqual([ABORT, POLL]);
    expect(h.rejects).toEqual([]);
  });

  it("still reads a card whose reply crossed the abort", async () => {
    const h = harness();
    ready(h);
    h.chip(ACK);
    await vi.advanceTimersByTimeAsync(1000);
    h.chip(CARD_REPLY);
    expect(h.reads.map((r) => r.cardId)).toEqual([CARD]);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.writes).toEqual([ABORT, POLL]);
  });

  it("re-sends a poll whose reply had a bad checksum, and reads the resent reply", async () => {
    const h = harness();
    ready(h);
    const bad = Buffer.from(CARD_REPLY);
    bad[bad.length - 2] = ((bad[bad.length - 2] ?? 0) + 1) & 0xff;
    h.chip(ACK, bad);
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:bad-data-checksum"]);
    expect(h.reads).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.writes).toEqual([POLL]);
    h.chip(ACK, CARD_REPLY);
    expect(h.reads.map((r) => r.cardId)).toEqual([CARD]);
  });

  it("answers a NACK and an error frame by sending the command again", async () => {
    const h = harness();
    ready(h);
    h.chip(NACK);
    await vi.advanceTimersByTimeAsync(100);
    h.chip(Buffer.from("0000ff01ff7f8100", "hex"));
    await vi.advanceTimersByTimeAsync(100);
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:nack", "pn532:error-frame"]);
    expect(h.writes).toEqual([POLL, POLL]);
  });

  it("runs the set-up again after `retries` failures in a row", async () => {
    const h = harness({ retries: 3 });
    ready(h);
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(200); // no ACK
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:no-ack", "pn532:no-ack", "pn532:no-ack"]);
    expect(h.writes).toEqual([POLL, POLL, SETUP]);
    expect(h.driver.isReady).toBe(false);
    h.chip(ACK, SAM_REPLY, ACK, FIRMWARE_REPLY);
    expect(h.driver.isReady).toBe(true);
    expect(h.writes.at(-1)).toBe(POLL);
  });

  it("counts unexpected replies and stray ACKs without losing its place", () => {
    const h = harness();
    ready(h);
    h.chip(ACK, ACK, SAM_REPLY, encodeFrame(0xd4, [0x4a, 0x01, 0x00]));
    expect(h.rejects.map((r) => r.reason)).toEqual([
      "pn532:unexpected",
      "pn532:unexpected",
      "pn532:unexpected",
    ]);
    h.chip(CARD_REPLY);
    expect(h.reads.map((r) => r.cardId)).toEqual([CARD]);
  });

  it("counts a reply with an impossible UID and keeps polling", async () => {
    const h = harness();
    ready(h);
    h.chip(ACK, reply([0x4b, 0x01, 0x01, 0x00, 0x04, 0x08, 0x05, 1, 2, 3, 4, 5]));
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:bad-target"]);
    await vi.advanceTimersByTimeAsync(100);
    expect(h.writes).toEqual([POLL]);
  });

  it("checks the firmware between polls every healthCheckMs", async () => {
    const h = harness({ healthCheckMs: 5_000 });
    ready(h);
    // Polls nobody answers, 1100 ms apart: at 0, 1100, … 4400; the one due at 5500 is the check.
    for (let i = 0; i < 5; i++) {
      h.chip(ACK);
      await vi.advanceTimersByTimeAsync(1100);
    }
    expect(h.writes.filter((w) => w === FIRMWARE)).toHaveLength(1);
    expect(h.writes.at(-1)).toBe(FIRMWARE);
    h.chip(ACK, FIRMWARE_REPLY);
    expect(h.writes.at(-1)).toBe(POLL);
  });

  it("stop() leaves no timer behind and ignores what the chip still says", async () => {
    const h = harness();
    ready(h);
    h.chip(ACK);
    h.driver.stop();
    expect(vi.getTimerCount()).toBe(0);
    h.chip(CARD_REPLY);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.reads).toEqual([]);
    expect(h.writes).toEqual([]);
    expect(h.rejects.map((r) => r.reason)).toEqual(["pn532:unexpected"]);
  });
});
