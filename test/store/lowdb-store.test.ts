import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Adapter } from "lowdb";
import { describe, expect, it } from "vitest";
import {
  createMemoryStore,
  createStoreOnAdapter,
  isFreshDataDir,
  openDocumentStore,
} from "../../server/store/lowdb-store";
import { type Db, DbSchema, emptyDb } from "../../server/store/schema";
import { useTempDirs } from "./temp-dir";

const tempDir = useTempDirs();

function withRoom(db: Db, id: string): void {
  db.rooms.push({ id, name: `${id}教室` });
}

describe("lowdb document store", () => {
  it("creates wanfeng.json on a fresh folder and tells it was fresh", async () => {
    const dir = join(await tempDir(), "data");
    expect(await isFreshDataDir(dir)).toBe(true);
    const store = await openDocumentStore(dir);
    expect(store.read()).toEqual(emptyDb());
    expect(await isFreshDataDir(dir)).toBe(false);
    const onDisk: unknown = JSON.parse(await readFile(join(dir, "wanfeng.json"), "utf-8"));
    expect(DbSchema.parse(onDisk)).toEqual(emptyDb());
  });

  it("uses initialDb only when the file does not exist", async () => {
    const dir = await tempDir();
    await openDocumentStore(dir, { initialDb: emptyDb({ schoolName: "First" }) });
    const again = await openDocumentStore(dir, { initialDb: emptyDb({ schoolName: "Second" }) });
    expect(again.read().settings.schoolName).toBe("First");
  });

  it("a reopened store sees what was written", async () => {
    const dir = await tempDir();
    const store = await openDocumentStore(dir);
    await store.update((db) => withRoom(db, "101"));
    const reopened = await openDocumentStore(dir);
    expect(reopened.read().rooms).toEqual([{ id: "101", name: "101教室" }]);
  });

  it("reports an invalid file as STORE_CORRUPT naming the file and the field", async () => {
    const dir = await tempDir();
    const db = emptyDb();
    const bad = { ...db, children: [{ id: "1", name: "张三", grade: 12, className: "1班", groupId: "g" }] };
    await writeFile(join(dir, "wanfeng.json"), JSON.stringify(bad));
    const opening = openDocumentStore(dir);
    await expect(opening).rejects.toMatchObject({ code: "STORE_CORRUPT" });
    await expect(opening).rejects.toThrow(/wanfeng\.json.*children\[0\]\.grade/);
  });

  it("reports a file that is not JSON as STORE_CORRUPT", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "wanfeng.json"), '{"schemaVersion": 1,');
    await expect(openDocumentStore(dir)).rejects.toMatchObject({ code: "STORE_CORRUPT" });
  });

  it("rejects an update that breaks the schema and keeps the old document", async () => {
    const store = createMemoryStore();
    const before = store.read();
    const update = store.update((db) => {
      db.settings.debounceMs = -1;
    });
    await expect(update).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(update).rejects.toThrow(/settings\.debounceMs/);
    expect(store.read()).toBe(before);
    expect(store.read().settings.debounceMs).toBe(3000);
  });

  it("keeps nothing of a change that throws", async () => {
    const store = createMemoryStore();
    await expect(
      store.update((db) => {
        withRoom(db, "101");
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(store.read().rooms).toEqual([]);
  });

  it("serialises concurrent updates: each sees the previous result", async () => {
    const dir = await tempDir();
    const store = await openDocumentStore(dir);
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        store.update((db) => {
          // A read-modify-write that would lose rooms if two changes interleaved.
          db.rooms = [...db.rooms, { id: `r${db.rooms.length}`, name: `room ${i}` }];
        }),
      ),
    );
    expect(store.read().rooms.map((r) => r.id)).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`));
    expect((await openDocumentStore(dir)).read().rooms).toHaveLength(25);
  });

  it("refuses an async change, which would edit the draft after it was written", async () => {
    const store = createMemoryStore();
    await expect(
      store.update(async (db) => {
        withRoom(db, "late");
      }),
    ).rejects.toMatchObject({ code: "INTERNAL" });
    expect(store.read().rooms).toEqual([]);
  });

  it("a failed update does not block the queue", async () => {
    const store = createMemoryStore();
    const failing = store.update(() => {
      throw new Error("boom");
    });
    const next = store.update((db) => withRoom(db, "ok"));
    await expect(failing).rejects.toThrow("boom");
    await next;
    expect(store.read().rooms.map((r) => r.id)).toEqual(["ok"]);
  });

  it("a failed write leaves the in-memory document unchanged", async () => {
    let failNext = true;
    const adapter: Adapter<Db> = {
      read: async () => null,
      write: async () => {
        if (failNext) throw new Error("disk full");
      },
    };
    const store = createStoreOnAdapter(adapter, emptyDb(), "test");
    await expect(store.update((db) => withRoom(db, "lost"))).rejects.toMatchObject({
      code: "STORE_WRITE_FAILED",
    });
    expect(store.read().rooms).toEqual([]);
    failNext = false;
    await store.update((db) => withRoom(db, "kept"));
    expect(store.read().rooms.map((r) => r.id)).toEqual(["kept"]);
  });

  it("read() keeps the old document until the write finished", async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const adapter: Adapter<Db> = { read: async () => null, write: () => gate };
    const store = createStoreOnAdapter(adapter, emptyDb(), "test");
    const update = store.update((db) => withRoom(db, "101"));
    await Promise.resolve();
    expect(store.read().rooms).toEqual([]);
    release();
    await update;
    expect(store.read().rooms).toHaveLength(1);
  });
});
