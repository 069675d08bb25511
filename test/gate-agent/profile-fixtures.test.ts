import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { decodeFrame } from "../../gate-agent/decoding";
import { createFramer, type Frame, type FrameReject } from "../../gate-agent/framing";
import { fixtureFileOf, listProfileFiles, loadProfileFile } from "../../gate-agent/profiles/load";

/** Every profile in hardware-profiles/ must load and decode its own recorded bytes. */

const FixtureSchema = z.strictObject({
  description: z.string().min(1),
  chunks: z.array(z.string().regex(/^([0-9a-f]{2})*$/i)).min(1),
  cards: z.array(z.string().min(1)),
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
    it("decodes its fixture to the expected cards and bad-frame count", async () => {
      const profile = await loadProfileFile(file, id);
      const fixture = FixtureSchema.parse(JSON.parse(await readFile(fixtureFileOf(file), "utf8")));

      const rejects: FrameReject[] = [];
      const framer = createFramer(profile.framing, (r) => rejects.push(r));
      const cards: string[] = [];
      let badFrames = rejects.length;
      framer.on("data", (frame: Frame) => {
        const result = decodeFrame(profile.decoder, frame.payload);
        if ("error" in result) badFrames++;
        else if (result.reading.kind === "card") cards.push(result.reading.cardId);
      });
      const ended = new Promise((resolve) => framer.once("end", resolve));
      for (const hex of fixture.chunks) framer.write(Buffer.from(hex, "hex"));
      framer.end();
      await ended;

      const junk = rejects.filter((r) => r.reason === "junk");
      badFrames += rejects.length - junk.length;
      expect(cards).toEqual(fixture.cards);
      expect(badFrames).toBe(fixture.badFrames);
      if (fixture.junkBytes !== undefined) {
        expect(junk.reduce((n, r) => n + r.raw.length, 0)).toBe(fixture.junkBytes);
      }
    });
  });
});
