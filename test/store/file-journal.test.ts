import { constants } from "node:fs";
import { appendFile, open, readdir, readFile, readlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { openFileJournal } from "../../server/store/file-journal";
import { captureLogger } from "./capture-log";
import { checkIn } from "./events";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

describe("file journal", () => {
  it("round-trips events of a day, in order, across a reopen", async () => {
    const dir = await tempDir();
    const journal = await openFileJournal(dir);
    await journal.append([checkIn("a"), checkIn("b")]);
    await journal.append([checkIn("c")]);
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["a", "b", "c"]);
    await journal.close();

    const reopened = await openFileJournal(dir);
    expect((await reopened.readDay("2025-03-04")).map((e) => e.id)).toEqual(["a", "b", "c"]);
    expect(await reopened.readDay("2025-03-05")).toEqual([]);
    await reopened.close();
  });

  it("writes events of different days to their own files", async () => {
    const dir = await tempDir();
    const journal = await openFileJournal(dir);
    await journal.append([checkIn("mon", "2025-03-03"), checkIn("tue", "2025-03-04")]);
    expect((await readdir(dir)).sort()).toEqual(["2025-03-03.jsonl", "2025-03-04.jsonl"]);
    expect((await journal.readDay("2025-03-03")).map((e) => e.id)).toEqual(["mon"]);
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["tue"]);
    await journal.close();
  });

  it("groups concurrent appends into fewer fsyncs, keeping call order", async () => {
    const dir = await tempDir();
    const syncs: number[] = [];
    const journal = await openFileJournal(dir, { onSync: ({ events }) => syncs.push(events) });
    const ids = Array.from({ length: 200 }, (_, i) => `e${i}`);
    await Promise.all(ids.map((id) => journal.append([checkIn(id)])));

    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(ids);
    expect(syncs.reduce((a, b) => a + b, 0)).toBe(200);
    expect(syncs.length).toBeLessThan(200);
    await journal.close();
  });

  it("resolves an append only after the fsync covering it", async () => {
    const dir = await tempDir();
    let synced = 0;
    const journal = await openFileJournal(dir, { onSync: ({ events }) => (synced += events) });
    const done: number[] = [];
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => journal.append([checkIn(`e${i}`)]).then(() => done.push(synced))),
    );
    // Each append saw a sync count that already included its own event.
    done.forEach((syncedWhenResolved, order) => {
      expect(syncedWhenResolved).toBeGreaterThan(order);
    });
    await journal.close();
  });

  it("appends through a descriptor opened for synchronised writes (O_DSYNC), on new and existing files", async () => {
    const dir = await tempDir();
    /** The open-file flags Linux reports for the descriptor this process holds on `file`. */
    const openFlags = async (file: string): Promise<number> => {
      for (const fd of await readdir("/proc/self/fd")) {
        const target = await readlink(`/proc/self/fd/${fd}`).catch(() => "");
        if (target !== file) continue;
        const info = await readFile(`/proc/self/fdinfo/${fd}`, "utf-8");
        return Number.parseInt(/^flags:\s+([0-7]+)/m.exec(info)?.[1] ?? "", 8);
      }
      throw new Error(`no descriptor open on ${file}`);
    };
    const journal = await openFileJournal(dir);
    await journal.append([checkIn("a")]);
    const file = join(dir, "2025-03-04.jsonl");
    expect(await openFlags(file)).toSatisfy(
      (flags: number) => (flags & constants.O_DSYNC) === constants.O_DSYNC,
    );
    await journal.close();
    const reopened = await openFileJournal(dir);
    await reopened.append([checkIn("b")]);
    expect(await openFlags(file)).toSatisfy(
      (flags: number) => (flags & constants.O_DSYNC) === constants.O_DSYNC,
    );
    expect(await openFlags(file)).toSatisfy(
      (flags: number) => (flags & constants.O_APPEND) === constants.O_APPEND,
    );
    await reopened.close();
  });

  it("cuts a torn last line so the next append is readable", async () => {
    const dir = await tempDir();
    const file = join(dir, "2025-03-04.jsonl");
    await writeFile(file, `${JSON.stringify(checkIn("whole"))}\n{"id":"torn","ty`);

    const { log, records } = captureLogger();
    const journal = await openFileJournal(dir, { log });
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["whole"]);
    expect(records).toContainEqual(expect.objectContaining({ level: 40, bytesCut: 16 }));
    await journal.append([checkIn("after")]);
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["whole", "after"]);
    await journal.close();
    expect(await readFile(file, "utf-8")).not.toContain("torn");
  });

  it("repairs a torn tail before the first append even without a read", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "2025-03-04.jsonl"), '{"id":"torn"');
    const journal = await openFileJournal(dir, { log: captureLogger().log });
    await journal.append([checkIn("first")]);
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["first"]);
    await journal.close();
  });

  it("skips a corrupt line in the middle and keeps the rest", async () => {
    const dir = await tempDir();
    const file = join(dir, "2025-03-04.jsonl");
    await writeFile(file, `${JSON.stringify(checkIn("one"))}\n`);
    await appendFile(file, "not json at all\n");
    await appendFile(file, '{"no":"id"}\n');
    await appendFile(file, `${JSON.stringify(checkIn("two"))}\n`);

    const { log, records } = captureLogger();
    const journal = await openFileJournal(dir, { log });
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["one", "two"]);
    expect(records.filter((r) => r.level === 50).map((r) => r.where)).toEqual([`${file}:2`, `${file}:3`]);
    await journal.close();
  });

  it("rejects a day that is not YYYY-MM-DD (it names a file)", async () => {
    const journal = await openFileJournal(await tempDir());
    await expect(journal.append([checkIn("x", "../etc")])).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(journal.readDay("../x")).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    // After a good day has been written, a bad one in the same append or the next is still refused.
    await journal.append([checkIn("good", "2025-03-04")]);
    await expect(
      journal.append([checkIn("ok", "2025-03-04"), checkIn("bad", "2025-02-31")]),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(journal.append([checkIn("bad", "")])).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["good"]);
    await journal.close();
  });

  it("flushes on close and refuses appends afterwards", async () => {
    const dir = await tempDir();
    const journal = await openFileJournal(dir);
    const pending = journal.append([checkIn("last")]);
    await journal.close();
    await pending;
    await expect(journal.append([checkIn("late")])).rejects.toMatchObject({ code: "STORE_WRITE_FAILED" });
    const reopened = await openFileJournal(dir);
    expect((await reopened.readDay("2025-03-04")).map((e) => e.id)).toEqual(["last"]);
    await reopened.close();
  });

  it("starts the write of an append to an open day in the caller's turn, not after other queued work", async () => {
    const dir = await tempDir();
    const journal = await openFileJournal(dir);
    await journal.append([checkIn("first")], { expectedSeq: 0 });
    const probe = await open(join(dir, "probe"), "w");
    const appendFileOfHandles = vi.spyOn(Object.getPrototypeOf(probe), "appendFile");
    await probe.close();
    try {
      const second = journal.append([checkIn("second")], { expectedSeq: 1 });
      // Nothing awaited yet: the bytes are already on their way to the disk.
      expect(appendFileOfHandles).toHaveBeenCalledTimes(1);
      await second;
      // A stale expectation is still refused, on the same path.
      await expect(journal.append([checkIn("stale")], { expectedSeq: 1 })).rejects.toMatchObject({
        name: "JournalConflictError",
      });
    } finally {
      appendFileOfHandles.mockRestore();
    }
    expect((await journal.readDay("2025-03-04")).map((e) => e.id)).toEqual(["first", "second"]);
    await journal.close();
  });
});
