import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openFileJournal } from "../../server/store/file-journal";
import { auditChangedDays } from "../../server/store/journal-start-audit";
import { runWanfeng } from "../support/cli-process";
import { spawnServer } from "../support/server-process";
import { checkIn } from "./events";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

async function journalOf(days: string[]): Promise<string> {
  const dir = join(await tempDir(), "journal");
  const journal = await openFileJournal(dir);
  for (const day of days)
    await journal.append([
      { ...checkIn(`${day}-a`), day },
      { ...checkIn(`${day}-b`), day },
    ]);
  await journal.close();
  return dir;
}

describe("the record's check at start", () => {
  it("hashes a day file again only when it changed since it last verified", async () => {
    const dir = await journalOf(["2025-03-03", "2025-03-04"]);
    expect((await auditChangedDays(dir)).audits.map((a) => [a.day, a.broken])).toEqual([
      ["2025-03-03", undefined],
      ["2025-03-04", undefined],
    ]);
    expect(await auditChangedDays(dir)).toEqual({ audits: [], remaining: 0 });

    // Someone changes who checked in yesterday, and keeps the file's length.
    const file = join(dir, "2025-03-03.jsonl");
    const text = await readFile(file, "utf-8");
    await writeFile(file, text.replace("20250101", "20250109"));
    const again = await auditChangedDays(dir);
    expect(again.audits.map((a) => [a.day, a.broken?.reason])).toEqual([["2025-03-03", "hash_mismatch"]]);
    // A broken day is reported at every start, not only the first after the change.
    expect((await auditChangedDays(dir)).audits.map((a) => a.day)).toEqual(["2025-03-03"]);
  });

  it("a damaged ledger only means everything is verified again", async () => {
    const dir = await journalOf(["2025-03-03"]);
    await auditChangedDays(dir);
    await writeFile(join(dir, ".verified.json"), "{torn");
    expect((await auditChangedDays(dir)).audits.map((a) => a.day)).toEqual(["2025-03-03"]);
  });

  it("takes the newest changed days first and says how many are left; skips those already seen", async () => {
    const dir = await journalOf(["2025-03-03", "2025-03-04", "2025-03-05"]);
    const first = await auditChangedDays(dir, undefined, { atMost: 2 });
    expect(first.audits.map((a) => a.day)).toEqual(["2025-03-04", "2025-03-05"]);
    expect(first.remaining).toBe(1);
    const rest = await auditChangedDays(dir, undefined, { atMost: 1, skip: new Set(["2025-03-05"]) });
    expect(rest).toMatchObject({ remaining: 0, audits: [{ day: "2025-03-03" }] });
  });
});

describe("wanfeng audit verify --changed --newest", () => {
  it("checks only the newest changed day files, says how many are left, and the next run takes those", async () => {
    const dir = await journalOf(["2025-03-03", "2025-03-04", "2025-03-05"]);
    const dataDir = join(dir, "..");
    const first = await runWanfeng(["audit", "verify", "--changed", "--newest", "2", "-d", dataDir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("2025-03-04  OK");
    expect(first.stdout).toContain("2025-03-05  OK");
    expect(first.stdout).not.toContain("2025-03-03");
    expect(first.stdout).toContain("1 more changed day files not verified");

    const rest = await runWanfeng(["audit", "verify", "--changed", "-d", dataDir]);
    expect(rest.stdout).toContain("2025-03-03  OK");
    expect(rest.stdout).not.toContain("2025-03-05");
    expect(rest.stdout).not.toContain("not verified");

    const alone = await runWanfeng(["audit", "verify", "--newest", "2", "-d", dataDir]);
    expect(alone.code).not.toBe(0);
    expect(alone.stderr).toContain("--newest goes with --changed");
    const zero = await runWanfeng(["audit", "verify", "--changed", "--newest", "0", "-d", dataDir]);
    expect(zero.stderr).toContain("--newest must be a whole number of at least 1");
  }, 60_000);
});

describe("the server's start with an edited change record and no changed day file", () => {
  it("checks the change record itself and warns naming the entry", async () => {
    const dataDir = await tempDir();
    const added = await runWanfeng([
      "user",
      "add",
      "office",
      "--role",
      "admin",
      "--password",
      "secret123",
      "-d",
      dataDir,
    ]);
    expect(added.code).toBe(0);
    const changes = join(dataDir, "changes");
    const [month] = await readdir(changes);
    const file = join(changes, month ?? "");
    await writeFile(file, (await readFile(file, "utf-8")).replace('"cli:', '"CLI:'));

    const server = await spawnServer(dataDir, []);
    try {
      expect(server.output()).toMatch(
        /the record was changed after it was written: \d{4}-\d{2}\s+BROKEN at .*hash_mismatch/,
      );
    } finally {
      await server.stop();
    }
  }, 60_000);
});

describe("the server's start with older changed day files", () => {
  it("serves first, then reports a broken older day found by its background check", async () => {
    const dataDir = await tempDir();
    const journal = await openFileJournal(join(dataDir, "journal"));
    for (const day of ["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"])
      await journal.append([{ ...checkIn(`${day}-a`), day }]);
    await journal.close();
    const oldest = join(dataDir, "journal", "2025-03-01.jsonl");
    await writeFile(oldest, (await readFile(oldest, "utf-8")).replace("20250101", "20250109"));

    const server = await spawnServer(dataDir, ["--empty"]);
    try {
      // The two newest files are checked first, the oldest after them; all once the server serves.
      await expect
        .poll(() => server.output(), { timeout: 30_000 })
        .toContain("the record was changed after it was written: 2025-03-01  BROKEN at");
      expect(server.output().indexOf("Wanfeng is running")).toBeLessThan(server.output().indexOf("BROKEN"));
    } finally {
      await server.stop();
    }
  }, 60_000);
});
