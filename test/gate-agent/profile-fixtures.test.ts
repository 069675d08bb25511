import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { fixtureFileOf, listProfileFiles, loadProfileFile } from "../../common/profiles/load";
import { ReaderPipeline } from "../../gate-agent/reader/pipeline";

/** Every profile in hardware-profiles/ must load and decode its own recorded bytes. */

const Hex = z.string().regex(/^([0-9a-f]{2})*$/i);

/**
 * Readers that talk back (a profile with a `driver`) are walked as a conversation: before each
 * step the driver must have written `expectWrite` (time runs on, timer to timer, until it has),
 * then the device's `reply` chunks are fed to it.
 */
const SessionStepSchema = z.strictObject({ expectWrite: Hex.min(2), reply: z.array(Hex) });
type SessionStep = z.infer<typeof SessionStepSchema>;

const FixtureSchema = z
  .strictObject({
    description: z.string().min(1),
    /** What a listen-only reader sends, as the port happened to split it. */
    chunks: z.array(Hex).min(1).optional(),
    session: z.array(SessionStepSchema).min(1).optional(),
    /** Canonical card ids, in order, every frame (repeats included). */
    cards: z.array(z.string().min(1)),
    /** Scanned code texts (QR, barcodes), in order. */
    codes: z.array(z.string().min(1)).optional(),
    badFrames: z.int().min(0),
    junkBytes: z.int().min(0).optional(),
  })
  .refine((f) => f.chunks || f.session, { message: "needs chunks or a session" });

/** Plays a session on fake timers (the caller turns them on before making the pipeline). */
async function playSession(pipeline: ReaderPipeline, steps: SessionStep[]): Promise<void> {
  let written = Buffer.alloc(0);
  pipeline.attach(async (bytes) => {
    written = Buffer.concat([written, bytes]);
  });
  for (const [index, step] of steps.entries()) {
    const expected = Buffer.from(step.expectWrite, "hex");
    for (let timers = 0; written.length < expected.length && timers < 1000; timers++) {
      await vi.advanceTimersToNextTimerAsync();
    }
    expect(written.subarray(0, expected.length).toString("hex"), `session step ${index}`).toBe(
      step.expectWrite.toLowerCase(),
    );
    written = written.subarray(expected.length);
    for (const hex of step.reply) pipeline.write(Buffer.from(hex, "hex"));
  }
  pipeline.detach();
}

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
      if (fixture.session) vi.useFakeTimers();
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
      try {
        if (fixture.session) await playSession(pipeline, fixture.session);
        for (const hex of fixture.chunks ?? []) pipeline.write(Buffer.from(hex, "hex"));
        await pipeline.end();
      } finally {
        vi.useRealTimers();
      }

      const { badFrames, junkBytes } = pipeline.counters;
      expect(cards).toEqual(fixture.cards);
      expect(codes).toEqual(fixture.codes ?? []);
      expect(Object.values(badFrames).reduce((a, b) => a + b, 0)).toBe(fixture.badFrames);
      if (fixture.junkBytes !== undefined) expect(junkBytes).toBe(fixture.junkBytes);
    });
  });
});
