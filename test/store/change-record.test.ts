import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runAs } from "../../server/store/change-actor";
import { readChanges } from "../../server/store/change-record";
import { auditChanges } from "../../server/store/journal-audit";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();
const BIN = resolve(import.meta.dirname, "../../bin/wanfeng.js");
const run = promisify(execFile);
const admin = { by: "user:u-admin admin", action: "POST /api/admin/rooms" };

async function twoChanges(dir: string) {
  const store = await openDocumentStore(dir);
  await runAs(admin, () => store.saveRoom(undefined, "101教室"));
  await runAs({ by: "cli:office", action: "wanfeng import" }, () => store.saveRoom(undefined, "102教室"));
  return store;
}

describe("the change record of the roster and configuration", () => {
  it("each change leaves a chained entry with who, when, what action and which kinds", async () => {
    const dir = await tempDir();
    const store = await twoChanges(dir);
    // A write that changes nothing records nothing.
    await store.update(() => undefined);
    const entries = await readChanges(join(dir, "changes"));
    expect(entries.map((e) => [e.by, e.action, e.kinds])).toEqual([
      [admin.by, admin.action, ["roster"]],
      ["cli:office", "wanfeng import", ["roster"]],
    ]);
    expect(entries[0]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const audits = await auditChanges(join(dir, "changes"));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.broken).toBeUndefined();
    expect(audits[0]?.lines).toBe(2);
  });

  it("one byte edited in an entry: `wanfeng audit verify` names it and exits 1", async () => {
    const dir = await tempDir();
    await twoChanges(dir);
    const [entry] = await readChanges(join(dir, "changes"));
    const file = join(dir, "changes", `${entry?.at.slice(0, 7)}.jsonl`);
    const clean = await run(process.execPath, [BIN, "audit", "verify", "-d", dir]);
    expect(clean.stdout).toMatch(/OK {2}2 entries/);
    const bytes = await readFile(file);
    // "u-admin" becomes "u-bdmin": someone else's name on the change.
    bytes[bytes.indexOf("u-admin") + 2] = "b".charCodeAt(0);
    await writeFile(file, bytes);
    const failed = await run(process.execPath, [BIN, "audit", "verify", "-d", dir]).catch(
      (err: { code: number; stdout: string }) => err,
    );
    expect("code" in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain(`${file}:1 (change ${entry?.id}): hash_mismatch`);
  }, 60_000);
});
