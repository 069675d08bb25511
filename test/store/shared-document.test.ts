import { mkdir, readdir, readFile, rename, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addDevice } from "../../server/auth/devices";
import { addUser } from "../../server/auth/users";
import { openDocumentStore } from "../../server/store/lowdb-store";
import { type Db, DbSchema, type DocumentStore, emptyDb } from "../../server/store/schema";
import { captureLogger } from "./capture-log";
import { useTempDirs } from "./temp-dir";

// Two stores opened on one folder stand for two processes (the server and a CLI command): each
// has its own in-memory document, and only the file and its lock are shared.

const tempDir = useTempDirs();

async function onDisk(dir: string): Promise<Db> {
  return DbSchema.parse(JSON.parse(await readFile(join(dir, "wanfeng.json"), "utf-8")));
}

/** Resolves on the store's next external-change notification. */
function nextExternalChange(store: DocumentStore): Promise<void> {
  return new Promise((resolve) => {
    const stop = store.onExternalChange(() => {
      stop();
      resolve();
    });
  });
}

/** Replaces the document the way an editor or another writer does: a whole new file, renamed in. */
async function replaceFile(dir: string, text: string): Promise<void> {
  const temp = join(dir, "hand-edit.tmp");
  await writeFile(temp, text);
  await rename(temp, join(dir, "wanfeng.json"));
}

const staff = { displayName: "Staff", role: "guard", password: "correct-horse-battery" } as const;

describe("one document shared by two processes", () => {
  it("an update re-reads what the other wrote first, so the file holds both", async () => {
    const dir = await tempDir();
    const a = await openDocumentStore(dir);
    const b = await openDocumentStore(dir);
    const { device } = await addDevice(a, { name: "East gate", kind: "gate" });
    const user = await addUser(b, { username: "guard2", ...staff });

    const file = await onDisk(dir);
    expect(file.devices.map((d) => d.id)).toEqual([device.id]);
    expect(file.users.map((u) => u.id)).toEqual([user.id]);
    expect(b.read().devices.map((d) => d.id)).toEqual([device.id]);
  });

  it("a listening store is told of the other's change and reads it, then writes on top of it", async () => {
    const dir = await tempDir();
    const a = await openDocumentStore(dir);
    const b = await openDocumentStore(dir, { watchDebounceMs: 10 });
    const changed = nextExternalChange(b);
    const { device } = await addDevice(a, { name: "East gate", kind: "gate" });
    await changed;
    expect(b.read().devices.map((d) => d.id)).toEqual([device.id]);

    await addUser(b, { username: "guard2", ...staff });
    const file = await onDisk(dir);
    expect(file.devices).toHaveLength(1);
    expect(file.users.map((u) => u.username)).toEqual(["guard2"]);
  });

  it("its own writes are not reported as external changes", async () => {
    const dir = await tempDir();
    const a = await openDocumentStore(dir);
    const b = await openDocumentStore(dir, { watchDebounceMs: 10 });
    let calls = 0;
    const stop = b.onExternalChange(() => calls++);
    await b.update((db) => {
      db.rooms.push({ id: "own", name: "own room" });
    });
    // A's change comes after B's own write in B's queue: by the time it is told, B's was seen.
    const changed = nextExternalChange(b);
    await a.update((db) => {
      db.rooms.push({ id: "other", name: "other room" });
    });
    await changed;
    stop();
    expect(calls).toBe(1);
    expect(b.read().rooms.map((r) => r.id)).toEqual(["own", "other"]);
  });

  it("20 interleaved updates from both stores are all kept", async () => {
    const dir = await tempDir();
    const a = await openDocumentStore(dir);
    const b = await openDocumentStore(dir);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).update((db) => {
          // A whole-array read-modify-write: a stale copy would drop the other store's rooms.
          db.rooms = [...db.rooms, { id: `r${i}`, name: `room ${i}` }];
        }),
      ),
    );
    const ids = (await onDisk(dir)).rooms.map((r) => r.id).sort();
    expect(ids).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`).sort());
    expect((await openDocumentStore(dir)).read().rooms).toHaveLength(20);
  });

  it("an invalid external edit is logged with the field and ignored; the old document stays", async () => {
    const dir = await tempDir();
    const { log, next } = captureLogger();
    const store = await openDocumentStore(dir, { watchDebounceMs: 10, log });
    await store.update((db) => {
      db.rooms.push({ id: "101", name: "101教室" });
    });
    const before = store.read();
    let told = 0;
    const stop = store.onExternalChange(() => told++);

    const bad = {
      ...before,
      children: [{ id: "1", name: "张三", grade: 12, className: "1班", groupId: "g" }],
    };
    await replaceFile(dir, JSON.stringify(bad));
    const record = await next((r) => r.level === 50 && /ignored an invalid change/.test(r.msg));
    stop();

    expect(record.issues).toEqual([expect.objectContaining({ path: "children[0].grade" })]);
    expect(told).toBe(0);
    expect(store.read()).toBe(before);
  });

  it("an update over an invalid edit writes a valid document and keeps the invalid one aside", async () => {
    const dir = await tempDir();
    const { log } = captureLogger();
    const store = await openDocumentStore(dir, { log });
    await replaceFile(dir, '{"schemaVersion": 1,');
    await store.update((db) => {
      db.rooms.push({ id: "101", name: "101教室" });
    });
    expect((await onDisk(dir)).rooms.map((r) => r.id)).toEqual(["101"]);
    const kept = (await readdir(dir)).filter((name) => name.startsWith("wanfeng.json.rejected-"));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0] ?? ""), "utf-8")).toBe('{"schemaVersion": 1,');
  });

  it("a lock left by a killed process is recovered", async () => {
    const dir = await tempDir();
    const store = await openDocumentStore(dir);
    const lockDir = join(dir, "wanfeng.json.lock");
    await mkdir(lockDir);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    await utimes(lockDir, aMinuteAgo, aMinuteAgo);
    await store.update((db) => {
      db.settings.schoolName = "After the crash";
    });
    expect((await onDisk(dir)).settings.schoolName).toBe("After the crash");
  });

  it("two first opens of an empty folder create the document once", async () => {
    const dir = join(await tempDir(), "data");
    const [a, b] = await Promise.all([
      openDocumentStore(dir, { initialDb: emptyDb({ schoolName: "A" }) }),
      openDocumentStore(dir, { initialDb: emptyDb({ schoolName: "B" }) }),
    ]);
    expect(a.read().settings.schoolName).toBe(b.read().settings.schoolName);
  });
});
