import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { fixtureFileOf, listProfileFiles, loadProfileFile } from "../../gate-agent/profiles/load";
import { ReaderPipeline } from "../../gate-agent/reader/pipeline";

/** Every profile in hardware-profiles/ must load and decode its own recorded bytes. */

const FixtureSchema = z.strictObject({
  description: z.string().min(1),
  chunks: z.array(z.string().regex(/^([0-9a-f]{2})*$/i)).min(1),
  /** Canonical card ids, in order, every frame (repeats included). */
  cards: z.array(z.string().min(1)),
  /** Scanned code texts (QR, barcodes), in order. */
  codes: z.array(z.string().min(1)).optional(),
  badFrames: z.int().min(0),
  junkBytes: z.int().min(0).optional(),
});

const files = await listProfileFiles();

describe("hardware profiles", () => {
  it("exist", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it("have unique ids", async () => {
    const ids = await Promise.all(files.map(async (f) => (await loadProfileFile(f.file, f.id)).id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  describe.each(files)("$id", ({ id, file }) => {
    it("reads its fixture to the expected cards, codes and bad-frame count", async () => {
      const profile = await loadProfileFile(file, id);
      const fixture = FixtureSchema.parse(JSON.parse(await readFile(fixtureFileOf(file), "utf8")));

      // Every decoded frame counts here (before debounce): fixtures list what the reader sent.
      const cards: string[] = [];
      const codes: string[] = [];
      const pipeline = new ReaderPipeline({
        readerId: "fixture",
        profile,
        onReading: () => {},
        onFrame: ({ reading }) => {
          if (reading.kind === "card") cards.push(reading.cardId);
          else codes.push(reading.text);
        },
      });
      for (const hex of fixture.chunks) pipeline.write(Buffer.from(hex, "hex"));
      await pipeline.end();

      const { badFrames, junkBytes } = pipeline.counters;
      expect(cards).toEqual(fixture.cards);
      expect(codes).toEqual(fixture.codes ?? []);
      expect(Object.values(badFrames).reduce((a, b) => a + b, 0)).toBe(fixture.badFrames);
      if (fixture.junkBytes !== undefined) expect(junkBytes).toBe(fixture.junkBytes);
    });
  });
});
