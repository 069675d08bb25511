import { describe, expect, it } from "vitest";
import { loadAllProfiles } from "../../common/profiles/load";
import { ReaderPipeline } from "../../gate-agent/reader/pipeline";
import { CARD_A, pseudoRandomBytes, rdm6300Frame } from "./helpers/frames";

const profiles = await loadAllProfiles();
const MiB = 1024 * 1024;
/** Text readers (`line` framing): one good line per decoder, and what it reads as. */
const GOOD_LINE: Record<string, { line: string; reading: string }> = {
  "code-text": { line: "]Q1WF-PASS-1234", reading: "WF-PASS-1234" },
  "w26-text": { line: "099,59822", reading: "0006547886" },
};

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
      // A text reader: end whatever line the noise left open, then one good reading.
      const good = profile.framing?.kind === "line" ? GOOD_LINE[profile.decoder?.kind ?? ""] : undefined;
      if (good) pipeline.write(Buffer.from(`\r\n${good.line}\r\n`));
      await pipeline.end();

      const { junkBytes, badFrames } = pipeline.counters;
      const bad = Object.values(badFrames).reduce((n, c) => n + c, 0);
      expect(junkBytes).toBeGreaterThan(0);
      expect(bad).toBeGreaterThan(0);
      expect(junkBytes).toBeLessThanOrEqual(MiB);
      if (profile.id === "generic/rdm6300") expect(readings.at(-1)).toBe(CARD_A.cardId);
      if (good) expect(readings.at(-1)).toBe(good.reading);
    });
  },
);
