import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditDayFile } from "../../server/store/journal-audit";
import { chainedLine, GENESIS, verifyChain } from "../../server/store/journal-chain";
import { checkIn } from "./events";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

/** A chained day file of `count` events whose ids hold Chinese text, so lines cross the reader's 1 MiB pieces mid-character. */
async function bigDayFile(dir: string, count: number): Promise<string> {
  const file = join(dir, "2025-03-04.jsonl");
  let head = GENESIS;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const chained = chainedLine(head, {
      ...checkIn(`王子涵-${i}-${"梓".repeat(i % 97)}`),
      note: "x".repeat(i % 13),
    });
    head = chained.hash;
    lines.push(chained.line);
  }
  await writeFile(file, lines.join(""));
  return file;
}

describe("a day file's chain read as a stream", () => {
  it("reports what verifying the whole text reports, over several MiB, a torn tail and a break", async () => {
    const dir = await tempDir();
    const file = await bigDayFile(dir, 12_000);
    const text = await readFile(file, "utf-8");
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024);

    const whole = verifyChain(text);
    expect(whole).toMatchObject({ lines: 12_000, unchained: 0 });
    expect(whole.broken).toBeUndefined();
    expect(await auditDayFile(file, "2025-03-04")).toEqual({ day: "2025-03-04", file, ...whole });

    // A line torn by a crash is not read, as the journal leaves it.
    await appendFile(file, '{"id":"torn","day":"2025-03-04","chain":{"prev":"');
    expect(await auditDayFile(file, "2025-03-04")).toEqual({ day: "2025-03-04", file, ...whole });

    // One character changed deep in the file: the same break, and every line still counted.
    const edited = text.replace("王子涵-9000-", "王子函-9000-");
    await writeFile(file, edited);
    const broken = await auditDayFile(file, "2025-03-04");
    expect(broken.broken).toEqual({
      line: 9001,
      reason: "hash_mismatch",
      eventId: expect.stringContaining("9000"),
    });
    expect(broken).toEqual({ day: "2025-03-04", file, ...verifyChain(edited) });
    expect(broken.lines).toBe(12_000);
  });
});
