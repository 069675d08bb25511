import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Pn532Chip } from "./emulators/pn532-chip";
import { type Harness, harness } from "./emulators/pn532-fake-context";
import { pseudoRandomBytes } from "./helpers/frames";

/** The driver wired to the emulated chip in memory, on fake timers. */

const UID = Buffer.from("04a1b2c3d4e5f6", "hex");
const CARD = "UID:04A1B2C3D4E5F6";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

describe("PN532 driver against the emulated chip", () => {
  function wired(): { h: Harness; chip: Pn532Chip } {
    let chip: Pn532Chip | undefined;
    // Chip bytes arrive on a later tick, as from a port.
    const h = harness({}, (bytes) => chip?.onHostBytes(bytes));
    chip = new Pn532Chip((bytes) => {
      queueMicrotask(() => h.driver.onData(bytes));
    });
    return { h, chip };
  }

  it("reads a card each poll while it is held, nothing once it is gone", async () => {
    const { h, chip } = wired();
    h.driver.start();
    await vi.advanceTimersByTimeAsync(50);
    expect(h.driver.isReady).toBe(true);
    chip.present(UID);
    await vi.advanceTimersByTimeAsync(1);
    expect(h.reads.map((r) => r.cardId)).toEqual([CARD]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.reads.length).toBeGreaterThanOrEqual(9);
    chip.remove();
    const held = h.reads.length;
    await vi.advanceTimersByTimeAsync(5000);
    // At most the poll already answered when the card left.
    expect(h.reads.length).toBeLessThanOrEqual(held + 1);
    const after = h.reads.length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.reads.length).toBe(after);
    expect(chip.events.events.filter((e) => e.type === "abort").length).toBeGreaterThanOrEqual(4);
    expect(h.rejects).toEqual([]);
  });

  it("gets a chip that lost power back through the set-up", async () => {
    const { h, chip } = wired();
    h.driver.start();
    await vi.advanceTimersByTimeAsync(50);
    chip.powerOff(true);
    await vi.advanceTimersByTimeAsync(5000);
    expect(h.driver.isReady).toBe(false);
    chip.powerOff(false); // power back: asleep, listening
    await vi.advanceTimersByTimeAsync(1000);
    expect(h.driver.isReady).toBe(true);
    chip.present(UID);
    await vi.advanceTimersByTimeAsync(1200);
    expect(h.reads.at(-1)?.cardId).toBe(CARD);
  });

  it("survives noise on the line and reads again once it stops", async () => {
    const { h, chip } = wired();
    h.driver.start();
    await vi.advanceTimersByTimeAsync(50);
    const noise = pseudoRandomBytes(64 * 1024, 3);
    for (let i = 0; i < noise.length; i += 64) {
      h.driver.onData(noise.subarray(i, i + 64));
      await vi.advanceTimersByTimeAsync(5);
    }
    expect(h.junk()).toBeGreaterThan(0);
    chip.present(UID);
    await vi.advanceTimersByTimeAsync(3000);
    expect(h.reads.at(-1)?.cardId).toBe(CARD);
  });
});
