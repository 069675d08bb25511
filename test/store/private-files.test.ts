import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openFileJournal } from "../../server/store/file-journal";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { PASS_KEY_FILE } from "../../server/store/pass-key-file";
import { photoFolder } from "../../server/store/photo-folder";
import { makeDataDirPrivate } from "../../server/store/private-files";
import { emptyDb } from "../../server/store/schema";
import { checkIn } from "./events";
import { useTempDirs } from "./temp-dir";

const KEY = "k".repeat(43);
const mode = async (path: string) => (await stat(path)).mode & 0o777;

/** Finding 5: the data folder is the server's alone; the pass key lives in its own 0600 file. */
describe("the data folder's permissions", () => {
  const tempDir = useTempDirs();

  it("new folders are 0700 and new files 0600, whatever the umask", async () => {
    const old = process.umask(0o022);
    try {
      const dataDir = join(await tempDir(), "data");
      const store = await openDocumentStore(dataDir);
      await store.createPass(
        (passes) => ({ ...passLike(), id: `pass000${passes.length}` }),
        () => KEY,
      );
      const journal = await openFileJournal(join(dataDir, "journal"));
      await journal.append([checkIn("a")]);
      await journal.close();
      await photoFolder(join(dataDir, "photos")).savePhoto("child-c1", "png", Buffer.from("x"));
      expect(await mode(dataDir)).toBe(0o700);
      expect(await mode(join(dataDir, "wanfeng.json"))).toBe(0o600);
      expect(await mode(join(dataDir, "journal"))).toBe(0o700);
      expect(await mode(join(dataDir, "photos"))).toBe(0o700);
      expect(await mode(join(dataDir, "photos", "child-c1.png"))).toBe(0o600);
      expect(await mode(join(dataDir, PASS_KEY_FILE))).toBe(0o600);
      expect((await readFile(join(dataDir, PASS_KEY_FILE), "utf-8")).trim()).toBe(KEY);
      expect(await readFile(join(dataDir, "wanfeng.json"), "utf-8")).not.toContain(KEY);
    } finally {
      process.umask(old);
    }
  });

  it("an older install is made private at start and its pass key leaves the document", async () => {
    const dataDir = await tempDir();
    await chmod(dataDir, 0o755);
    await writeFile(join(dataDir, "wanfeng.json"), JSON.stringify({ ...emptyDb(), passKey: KEY }), {
      mode: 0o644,
    });
    await mkdir(join(dataDir, "journal"), { mode: 0o755 });
    await writeFile(join(dataDir, "journal", "2026-11-23.jsonl"), "", { mode: 0o644 });
    await chmod(join(dataDir, "journal"), 0o755);

    expect(await makeDataDirPrivate(dataDir)).toBe(4);
    expect(await mode(dataDir)).toBe(0o700);
    expect(await mode(join(dataDir, "journal"))).toBe(0o700);
    expect(await mode(join(dataDir, "journal", "2026-11-23.jsonl"))).toBe(0o600);

    const store = await openDocumentStore(dataDir);
    expect(store.passBook().key).toBe(KEY);
    expect(store.read().passKey).toBeUndefined();
    expect(await mode(join(dataDir, PASS_KEY_FILE))).toBe(0o600);
    expect(await readFile(join(dataDir, "wanfeng.json"), "utf-8")).not.toContain(KEY);
    // Opened again: the key is read from its file.
    expect((await openDocumentStore(dataDir)).passBook().key).toBe(KEY);
  });
});

function passLike() {
  return {
    id: "p0",
    shortCode: "ABCDEFGH",
    childIds: ["c1"],
    guardianId: "p1",
    delegate: { name: "王大力", relation: "舅舅", idLast4: "123X", phone: "139" },
    validFrom: "2026-11-23",
    validTo: "2026-11-23",
    createdAt: "2026-11-23T08:00:00Z",
    createdBy: "user-1",
  };
}
