import { describe, expect, it } from "vitest";
import { loadProfile } from "../../common/profiles/load";
import { Debouncer } from "../../gate-agent/reader/debounce";
import { ReaderPipeline, type ReaderReading } from "../../gate-agent/reader/pipeline";
import { CARD_A, CARD_B, rdm6300Frame } from "./helpers/frames";

describe("debouncer", () => {
  it("treats repeats every 50 ms as one tap however long the card is held", () => {
    const d = new Debouncer(500);
    const taps = [];
    for (let t = 0; t <= 10_000; t += 50) taps.push(d.accept("A", t));
    expect(taps.filter(Boolean)).toHaveLength(1);
  });

  it("counts the same card again after a quiet gap", () => {
    const d = new Debouncer(500);
    expect(d.accept("A", 0)).toBe(true);
    expect(d.accept("A", 50)).toBe(false);
    expect(d.accept("A", 549)).toBe(false);
    expect(d.accept("A", 1049)).toBe(true);
  });

  it("does not hold back a different card", () => {
    const d = new Debouncer(500);
    expect(d.accept("A", 0)).toBe(true);
    expect(d.accept("B", 10)).toBe(true);
  });

  it("keeps two alternating cards to one tap each", () => {
    const d = new Debouncer(500);
    const accepted = [0, 50, 100, 150, 200, 250].map((t, i) => d.accept(i % 2 === 0 ? "A" : "B", t));
    expect(accepted).toEqual([true, true, false, false, false, false]);
  });
});

describe("reader pipeline with an injected clock", () => {
  async function pipelineAt(clock: { now: number }) {
    const readings: ReaderReading[] = [];
    const profile = await loadProfile("generic/rdm6300");
    const pipeline = new ReaderPipeline({
      readerId: "gate-1",
      profile,
      onReading: (r) => readings.push(r),
      now: () => clock.now,
    });
    return { pipeline, readings };
  }

  it("turns a held card into one reading, and a later tap into another", async () => {
    const clock = { now: Date.parse("2025-03-03T16:00:00.000Z") };
    const { pipeline, readings } = await pipelineAt(clock);
    const a = rdm6300Frame(CARD_A.digits);
    for (let i = 0; i < 20; i++) {
      pipeline.write(a);
      clock.now += 50;
    }
    clock.now += 2_000;
    pipeline.write(a);
    pipeline.write(rdm6300Frame(CARD_B.digits));
    await pipeline.end();

    expect(readings.map((r) => (r.reading.kind === "card" ? r.reading.cardId : ""))).toEqual([
      CARD_A.cardId,
      CARD_A.cardId,
      CARD_B.cardId,
    ]);
    expect(readings[0]).toEqual({
      readerId: "gate-1",
      reading: { kind: "card", cardId: CARD_A.cardId },
      rawHex: a.toString("hex"),
      at: "2025-03-03T16:00:00.000Z",
    });
    expect(pipeline.counters).toMatchObject({ framesOk: 22, debounced: 19, readings: 3, badFrames: {} });
  });

  it("counts bad frames by reason and keeps going", async () => {
    const { pipeline, readings } = await pipelineAt({ now: 0 });
    pipeline.write(rdm6300Frame("01000734E0D3"));
    pipeline.write(Buffer.from([0x02, 0x41, 0x03]));
    pipeline.write(rdm6300Frame(CARD_A.digits));
    await pipeline.end();
    expect(readings).toHaveLength(1);
    expect(pipeline.counters.badFrames).toEqual({ "decoding:bad_checksum": 1, "framing:wrong_length": 1 });
  });
});
