import { describe, expect, it } from "vitest";
import { loadAllProfiles } from "../../gate-agent/profiles/load";
import { ReaderPipeline } from "../../gate-agent/reader/pipeline";
import { CARD_A, pseudoRandomBytes, rdm6300Frame } from "./helpers/frames";

const profiles = await loadAllProfiles();
const MiB = 1024 * 1024;

describe.each(profiles.map((p) => ({ id: p.id, profile: p })))(
  "1 MiB of noise through $id",
  ({ profile }) => {
    it("never throws, counts what it skipped, and still reads a good frame afterwards", async () => {
      let clock = 0;
      const readings: string[] = [];
      const pipeline = new ReaderPipeline({
        readerId: "noise",
        profile,
        onReading: (r) => readings.push(r.reading.kind === "card" ? r.reading.cardId : r.reading.text),
        now: () => clock,
      });
      const noise = pseudoRandomBytes(MiB);
      const sizes = pseudoRandomBytes(4096, 7);
      let offset = 0;
      for (let i = 0; offset < noise.length; i++) {
        const size = 1 + (sizes[i % sizes.length] ?? 0);
        pipeline.write(noise.subarray(offset, offset + size));
        offset += size;
        clock += 10;
      }
      clock += 60_000;
      if (profile.framing?.kind === "stx-etx" && profile.decoder?.kind === "em4100-ascii-hex") {
        pipeline.write(rdm6300Frame(CARD_A.digits));
      }
      await pipeline.end();

      const { junkBytes, badFrames } = pipeline.counters;
      const bad = Object.values(badFrames).reduce((n, c) => n + c, 0);
      expect(junkBytes).toBeGreaterThan(0);
      expect(bad).toBeGreaterThan(0);
      expect(junkBytes).toBeLessThanOrEqual(MiB);
      if (profile.id === "generic/rdm6300") expect(readings.at(-1)).toBe(CARD_A.cardId);
    });
  },
);
