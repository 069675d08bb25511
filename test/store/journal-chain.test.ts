import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { appendFile, readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { openFileJournal } from "../../server/store/file-journal";
import { auditJournal } from "../../server/store/journal-audit";
import { canonicalJson, chainedLine, GENESIS, verifyChain } from "../../server/store/journal-chain";
import { spawnServer } from "../support/server-process";
import { checkIn } from "./events";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();
const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");
const run = promisify(execFile);

async function journalWith(dir: string, day: string, count: number) {
  const journal = await openFileJournal(join(dir, "journal"));
  for (let i = 1; i <= count; i++) await journal.append([checkIn(`e${i}`, day)]);
  const head = await journal.headHash?.(day);
  await journal.close();
  return { file: join(dir, "journal", `${day}.jsonl`), head };
}

/** Changes one byte of the file at the first occurrence of `from`. */
async function flipByte(file: string, from: string, to: string): Promise<void> {
  const bytes = await readFile(file);
  const at = bytes.indexOf(from);
  if (at < 0) throw new Error(`${from} not in ${file}`);
  bytes[at] = to.charCodeAt(0);
  await writeFile(file, bytes);
}

describe("the journal's hash chain", () => {
  it("canonical encoding sorts keys and drops undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: undefined, c: [2, { z: 1, y: 2 }] } })).toBe(
      '{"a":{"c":[2,{"y":2,"z":1}]},"b":1}',
    );
  });

  it("canonical encoding is byte for byte the one every stored hash was made with", () => {
    // The first implementation: JSON.stringify of a copy with keys inserted in sorted order.
    const sortedCopy = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(sortedCopy);
      if (value === null || typeof value !== "object") return value;
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort())
        out[key] = sortedCopy((value as Record<string, unknown>)[key]);
      return out;
    };
    const firstEncoding = (value: unknown) => JSON.stringify(sortedCopy(JSON.parse(JSON.stringify(value))));
    const edgeCases: unknown[] = [
      {
        9: "a",
        10: "b",
        "01": "c",
        "-1": "d",
        "1.5": "e",
        B: 1,
        a: 2,
        é: 3,
        "": 4,
        4294967294: 5,
        4294967295: 6,
      },
      { list: [undefined, () => 1, Symbol("s"), Number.NaN, Number.POSITIVE_INFINITY, -0, new Date(0)] },
      {
        at: new Date(Date.UTC(2026, 2, 4, 8, 5)),
        nested: { toJSON: () => ({ z: 1, y: [3, { b: 2, a: 1 }] }) },
      },
      {
        text: 'quote " backslash \\ newline \n tab \t nul \u0000 王子涵 \ud83d\ude00',
        n: null,
        t: true,
        f: false,
      },
      JSON.parse('{"__proto__": {"x": 1}, "a": 1}'),
      [1, "two", [3, [4]], { b: undefined }],
      { boxed: [Object(1), Object("s"), Object(false)] },
    ];
    for (const value of edgeCases) expect(canonicalJson(value)).toBe(firstEncoding(value));

    // Random nested values, from a fixed seed so a failure can be replayed.
    let seed = 20261206;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const keyPool = ["a", "b", "Z", "0", "2", "10", "childId", "children", "_x", "é", "07", "at"];
    const randomValue = (depth: number): unknown => {
      const pick = Math.floor(next() * (depth > 3 ? 5 : 8));
      if (pick === 0) return Math.floor(next() * 2000) - 1000;
      if (pick === 1) return next() * 100;
      if (pick === 2) return keyPool[Math.floor(next() * keyPool.length)];
      if (pick === 3) return next() < 0.5 ? null : next() < 0.5;
      if (pick === 4) return undefined;
      if (pick === 5) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(depth + 1));
      const object: Record<string, unknown> = {};
      for (let i = Math.floor(next() * 6); i > 0; i--) {
        object[keyPool[Math.floor(next() * keyPool.length)] as string] = randomValue(depth + 1);
      }
      return object;
    };
    for (let i = 0; i < 2000; i++) {
      const value = { root: randomValue(0) };
      expect(canonicalJson(value)).toBe(firstEncoding(value));
    }
  });

  it("a line is its event and its link; the hash is SHA-256 over the previous hash and the canonical event", () => {
    const event = {
      type: "child:checked_in",
      childId: "S1",
      name: '王子涵 "小王"',
      at: new Date(0),
      skip: undefined,
    };
    const prev = "ab".repeat(32);
    const { line, hash } = chainedLine(prev, event);
    // As the first implementation hashed, with a Hash object over the parts in turn.
    const expected = createHash("sha256")
      .update(prev)
      .update("\n")
      .update(canonicalJson(event))
      .digest("hex");
    expect(hash).toBe(expected);
    expect(line.endsWith("}\n")).toBe(true);
    expect(line.indexOf("\n")).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual({ ...JSON.parse(JSON.stringify(event)), chain: { prev, hash } });
    expect(verifyChain(chainedLine(GENESIS, event).line)).toMatchObject({ lines: 1, unchained: 0 });
    expect(verifyChain(line).broken).toEqual({ line: 1, reason: "prev_mismatch" });
    // An event with no members still makes a line that reads back.
    expect(JSON.parse(chainedLine(prev, {}).line)).toEqual({
      chain: { prev, hash: chainedLine(prev, {}).hash },
    });
    // Only an object has room for its link: nothing half-written reaches a journal.
    expect(() => chainedLine(prev, [1, 2])).toThrow(TypeError);
    expect(() => chainedLine(prev, new Date(0))).toThrow(TypeError);
  });

  it("every line is chained; events read back without their links; the head is the last hash", async () => {
    const dir = await tempDir();
    const { file, head } = await journalWith(dir, "2025-03-04", 3);
    const report = verifyChain(await readFile(file, "utf-8"));
    expect(report).toEqual({ lines: 3, unchained: 0, head });
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    const journal = await openFileJournal(join(dir, "journal"));
    expect(await journal.readDay("2025-03-04")).toEqual([1, 2, 3].map((i) => checkIn(`e${i}`)));
    // A reopened journal continues the chain from the file's last line.
    await journal.append([checkIn("e4")]);
    const again = verifyChain(await readFile(file, "utf-8"));
    expect(again.broken).toBeUndefined();
    expect(again.lines).toBe(4);
    await journal.close();
  });

  it("one byte changed in a past journal: verify names the entry", async () => {
    const dir = await tempDir();
    const { file } = await journalWith(dir, "2025-03-03", 4);
    await journalWith(dir, "2025-03-04", 2);
    const lines = (await readFile(file, "utf-8")).split("\n");
    // Who checked in, on the second line: 20250101 → 20250109.
    const second = lines[1] ?? "";
    await writeFile(file, [lines[0], second.replace("20250101", "20250109"), ...lines.slice(2)].join("\n"));
    const audits = await auditJournal(join(dir, "journal"));
    expect(audits.map((a) => [a.day, a.broken])).toEqual([
      ["2025-03-03", { line: 2, eventId: "e2", reason: "hash_mismatch" }],
      ["2025-03-04", undefined],
    ]);
  });

  it("a line removed, or a line added without a link: the next entry is named", async () => {
    const dir = await tempDir();
    const { file } = await journalWith(dir, "2025-03-04", 3);
    const lines = (await readFile(file, "utf-8")).split("\n");
    await writeFile(file, [lines[0], lines[2], ""].join("\n"));
    expect(verifyChain(await readFile(file, "utf-8")).broken).toEqual({
      line: 2,
      eventId: "e3",
      reason: "prev_mismatch",
    });
    const dir2 = await tempDir();
    const second = await journalWith(dir2, "2025-03-04", 2);
    await appendFile(second.file, `${JSON.stringify(checkIn("forged"))}\n`);
    expect(verifyChain(await readFile(second.file, "utf-8")).broken).toEqual({
      line: 3,
      eventId: "forged",
      reason: "link_missing",
    });
  });

  it("a journal from before the chain: its old lines are counted as unverifiable, the chain starts after them", async () => {
    const dir = await tempDir();
    const file = join(dir, "journal", "2025-03-04.jsonl");
    await journalWith(dir, "2025-03-01", 0);
    await writeFile(file, `${JSON.stringify(checkIn("old1"))}\n${JSON.stringify(checkIn("old2"))}\n`);
    const journal = await openFileJournal(join(dir, "journal"));
    await journal.append([checkIn("new1")]);
    await journal.close();
    const text = await readFile(file, "utf-8");
    expect(JSON.parse(text.split("\n")[2] ?? "").chain.prev).toBe(GENESIS);
    expect(verifyChain(text)).toMatchObject({ lines: 3, unchained: 2 });
    expect(verifyChain(text).broken).toBeUndefined();
  });

  it("`wanfeng audit verify` names the broken entry and exits 1", async () => {
    const dir = await tempDir();
    const { file } = await journalWith(dir, "2025-03-04", 3);
    const clean = await run(process.execPath, [BIN, "audit", "verify", "-d", dir]);
    expect(clean.stdout).toContain("2025-03-04  OK  3 entries");
    // One byte: the first line's child 20250101 becomes 30250101.
    await flipByte(file, "20250101", "3");
    const failed = await run(process.execPath, [
      BIN,
      "audit",
      "verify",
      "--day",
      "2025-03-04",
      "-d",
      dir,
    ]).catch((err: { code: number; stdout: string }) => err);
    expect("code" in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain("BROKEN at");
    expect(failed.stdout).toContain(":1 (event e1): hash_mismatch");
  }, 60_000);

  it("the server reports a broken chain when it starts, and still starts", async () => {
    const dir = await tempDir();
    const { file } = await journalWith(dir, "2025-03-04", 2);
    await flipByte(file, "20250101", "3");
    const server = await spawnServer(dir, ["--empty"]);
    try {
      // Checked by a process of its own as the server starts serving.
      await expect
        .poll(() => server.output(), { timeout: 30_000 })
        .toContain("the record was changed after it was written: 2025-03-04  BROKEN at");
    } finally {
      await server.stop();
    }
  }, 60_000);
});
